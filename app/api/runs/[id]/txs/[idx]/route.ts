import { ConfigError } from '@/services/errors/base'
import { getRegistry } from '@/services/runs/registry'
import { json, respond } from '../../../../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ id: string; idx: string }> }

/** One tx: stored row, failed attempts, timeline, and (while the run's node answers) receipt and decoded call. */
export function GET(_request: Request, context: Context): Promise<Response> {
  return respond(async () => {
    const { id, idx } = await context.params
    // Gap fillers have negative indexes.
    const n = /^-?\d{1,15}$/.test(idx) ? Number(idx) : Number.NaN
    if (!Number.isSafeInteger(n))
      throw new ConfigError([{ field: 'idx', message: `must be a whole number, got "${idx.slice(0, 40)}"` }], {
        hint: 'Use the idx of a row of GET /api/runs/:id/txs.',
      })
    return json(await getRegistry().txDetails(id, n))
  })
}
