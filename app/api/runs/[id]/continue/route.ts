import { getRegistry } from '@/services/runs/registry'
import { json, respond } from '../../../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ id: string }> }

/** An interrupted run's unsent txs go out in a new run; answers with its id. */
export function POST(_request: Request, context: Context): Promise<Response> {
  return respond(async () => {
    const { id } = await context.params
    return json(await getRegistry().continueRun(id), 201)
  })
}
