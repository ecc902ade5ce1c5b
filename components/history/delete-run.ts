import { type ApiResult, callApi } from '../api-client'
import { shortId } from '../format'

/**
 * Asks first (a deleted run is gone with its txs and events), then DELETE /api/runs/:id.
 * Null when the user said no.
 */
export async function confirmAndDelete(id: string, name: string | null): Promise<ApiResult<unknown> | null> {
  const what = name ? `${shortId(id)} (${name})` : shortId(id)
  if (!window.confirm(`Delete run ${what}? Its transactions, errors and charts are deleted with it.`)) return null
  return callApi(`/api/runs/${encodeURIComponent(id)}`, { method: 'DELETE' })
}
