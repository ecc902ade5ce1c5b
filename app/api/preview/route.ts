import { getRegistry } from '@/services/runs/registry'
import { readJsonBody } from '../_lib/read-json'
import { json, respond } from '../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

/** What a test config (the body of POST /api/runs) will send, without sending it; bad fields → 400. */
export function POST(request: Request): Promise<Response> {
  return respond(async () => json(await getRegistry().previewRun(await readJsonBody(request))))
}
