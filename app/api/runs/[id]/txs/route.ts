import { getRegistry } from '@/services/runs/registry'
import { listTxRows } from '@/services/store/tx-rows'
import { parseTxRowsQuery } from '@/services/store/tx-rows-query'
import { json, respond } from '../../../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ id: string }> }

/** A page of the run's tx rows (same shape as the live stream's), filtered; bad parameters → 400 naming them. */
export function GET(request: Request, context: Context): Promise<Response> {
  return respond(async () => {
    const { id } = await context.params
    const query = parseTxRowsQuery(new URL(request.url).searchParams)
    return json(listTxRows(getRegistry().db(), id, query))
  })
}
