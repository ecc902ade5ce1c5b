import { parseCompareQuery } from '@/services/runs/compare-stored-runs'
import { getRegistry } from '@/services/runs/registry'
import { json, respond } from '../../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

/**
 * `?base=<id>&run=<id>&tolerance=5`: the run against the baseline, metric by metric, with both
 * series to overlay. A static segment: Next.js matches it before `[id]`.
 */
export function GET(request: Request): Promise<Response> {
  return respond(() => {
    const query = parseCompareQuery(new URL(request.url).searchParams)
    return json(getRegistry().compareRuns(query))
  })
}
