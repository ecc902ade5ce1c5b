/** Browser-side helpers for our own JSON API (never the node: the browser only talks to our server). */

export type ApiIssue = { field: string; message: string }
export type ApiErrorBody = { code: string; message: string; hint?: string; issues?: ApiIssue[] }

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiErrorBody }

function isErrorBody(value: unknown): value is { error: ApiErrorBody } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const error = (value as { error: unknown }).error
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
}

/** Fetches JSON; a network failure or a non-JSON answer becomes an ApiResult error, never a throw. */
export async function callApi<T>(url: string, init?: RequestInit): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(url, { cache: 'no-store', ...init })
  } catch {
    return {
      ok: false,
      status: 0,
      error: { code: 'NETWORK', message: 'Could not reach the evm-stress server', hint: 'Is it still running?' },
    }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) return { ok: true, status: response.status, data: body as T }
  if (isErrorBody(body)) return { ok: false, status: response.status, error: body.error }
  return { ok: false, status: response.status, error: { code: 'HTTP', message: `Server answered ${response.status}` } }
}
