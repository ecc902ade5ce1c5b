import type { SavedTest } from '@/services/runs/saved-tests'
import { type ApiResult, callApi } from '../api-client'
import type { ConfigJson } from './draft'

const jsonInit = (method: string, body?: ConfigJson): RequestInit => ({
  method,
  headers: body ? { 'content-type': 'application/json' } : {},
  ...(body ? { body: JSON.stringify(body) } : {}),
})

const testUrl = (id: string) => `/api/tests/${encodeURIComponent(id)}`

/** The saved-tests endpoints, as the form uses them. */
export const savedTestsApi = {
  create: (config: ConfigJson): Promise<ApiResult<SavedTest>> => callApi('/api/tests', jsonInit('POST', config)),
  update: (id: string, config: ConfigJson): Promise<ApiResult<SavedTest>> =>
    callApi(testUrl(id), jsonInit('PUT', config)),
  duplicate: (id: string): Promise<ApiResult<SavedTest>> => callApi(`${testUrl(id)}/duplicate`, jsonInit('POST')),
  remove: (id: string): Promise<ApiResult<{ id: string; deleted: true }>> => callApi(testUrl(id), jsonInit('DELETE')),
}
