import { getRegistry } from '@/services/runs/registry'
import { json, respond } from '../../../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ id: string }> }

/** A copy of the saved test under the next free "(copy)" name. */
export function POST(_request: Request, context: Context): Promise<Response> {
  return respond(async () => {
    const test = getRegistry().duplicateTest((await context.params).id)
    return json(test, 201, { location: `/api/tests/${encodeURIComponent(test.id)}` })
  })
}
