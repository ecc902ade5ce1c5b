import { getRegistry } from '@/services/runs/registry'
import { readJsonBody } from '../_lib/read-json'
import { json, respond } from '../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

/** Starts a run from a JSON test config; the registry validates it (zod) and names bad fields. */
export function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const config = await readJsonBody(request)
    const registry = getRegistry()
    // A custom call's ABI and arguments are refused here (400, field named), not by a run that then fails.
    registry.checkRun(config)
    const { id } = await registry.startRun(config)
    return json({ id }, 201, { location: `/api/runs/${encodeURIComponent(id)}` })
  })
}

/** Every run, newest first. */
export function GET(): Promise<Response> {
  return respond(() => json({ runs: getRegistry().listRuns() }))
}
