'use client'

import { useEffect, useState } from 'react'
import { type ApiResult, callApi } from '../api-client'

export type DebouncedPost<T> = {
  /** The body the result answers (compare with the current body to know whether it is stale). */
  forBody: string | null
  result: ApiResult<T> | null
  /** The last successful answer, whatever body it was for (kept on screen while a newer one is worked out). */
  lastOk: T | null
  loading: boolean
}

/**
 * POSTs `body` (JSON text) once it has stopped changing for `delayMs`; null = nothing to ask.
 * An answer to an older body never overwrites a newer one: the request is aborted instead.
 */
export function useDebouncedPost<T>(url: string, body: string | null, delayMs = 300): DebouncedPost<T> {
  const [state, setState] = useState<DebouncedPost<T>>({ forBody: null, result: null, lastOk: null, loading: false })

  useEffect(() => {
    if (body === null) {
      setState((s) => (s.loading ? { ...s, loading: false } : s))
      return
    }
    setState((s) => (s.forBody === body && !s.loading ? s : { ...s, loading: true }))
    const controller = new AbortController()
    const timer = setTimeout(async () => {
      const result = await callApi<T>(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: controller.signal,
      })
      if (!controller.signal.aborted)
        setState((s) => ({ forBody: body, result, lastOk: result.ok ? result.data : s.lastOk, loading: false }))
    }, delayMs)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [url, body, delayMs])

  return state
}
