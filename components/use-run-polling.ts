'use client'

import { useCallback, useEffect, useState } from 'react'
import type { RunSummary } from '@/services/runs/types'
import { callApi } from './api-client'
import { isTerminal } from './run-status'

const intervalMs = 1000

/**
 * The run as last fetched, re-fetched every second until it reaches a terminal status. One request
 * at a time (a timeout chain, not setInterval), so a slow server is never asked twice at once.
 */
export function useRunPolling(initial: RunSummary) {
  const [run, setRun] = useState(initial)
  const [stale, setStale] = useState(false)
  const terminal = isTerminal(run.status)

  useEffect(() => {
    if (terminal) return
    let cancelled = false
    let timer: ReturnType<typeof setTimeout>
    const tick = async () => {
      const result = await callApi<RunSummary>(`/api/runs/${encodeURIComponent(initial.id)}`)
      if (cancelled) return
      if (result.ok) setRun(result.data)
      setStale(!result.ok)
      if (!result.ok || !isTerminal(result.data.status)) timer = setTimeout(tick, intervalMs)
    }
    timer = setTimeout(tick, intervalMs)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [initial.id, terminal])

  /** Fetches now (the live stream saw the status change before the next poll). */
  const refresh = useCallback(async () => {
    const result = await callApi<RunSummary>(`/api/runs/${encodeURIComponent(initial.id)}`)
    if (result.ok) setRun(result.data)
  }, [initial.id])

  return { run, setRun, stale, terminal, refresh }
}
