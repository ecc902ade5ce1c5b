'use client'

import { useCallback, useEffect, useState } from 'react'
import type { RunSummary } from '@/services/runs/types'
import { callApi } from './api-client'
import { isTerminal } from './run-status'

const intervalMs = 1000

/**
 * Nothing more will change without the user: the run ended and its report is written (final
 * numbers, the limit); an interrupted run gets its report only once it is closed or continued.
 */
const settled = (run: RunSummary) => isTerminal(run.status) && (run.reported || run.status === 'interrupted')

/**
 * The run as last fetched, re-fetched every second until it has settled. One request at a time
 * (a timeout chain, not setInterval), so a slow server is never asked twice at once.
 */
export function useRunPolling(initial: RunSummary) {
  const [run, setRun] = useState(initial)
  const [stale, setStale] = useState(false)
  const terminal = isTerminal(run.status)
  const done = settled(run)

  useEffect(() => {
    if (done) return
    let cancelled = false
    let timer: ReturnType<typeof setTimeout>
    const tick = async () => {
      const result = await callApi<RunSummary>(`/api/runs/${encodeURIComponent(initial.id)}`)
      if (cancelled) return
      if (result.ok) setRun(result.data)
      setStale(!result.ok)
      if (!result.ok || !settled(result.data)) timer = setTimeout(tick, intervalMs)
    }
    timer = setTimeout(tick, intervalMs)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [initial.id, done])

  /** Fetches now (the live stream saw the status change before the next poll). */
  const refresh = useCallback(async () => {
    const result = await callApi<RunSummary>(`/api/runs/${encodeURIComponent(initial.id)}`)
    if (result.ok) setRun(result.data)
  }, [initial.id])

  return { run, setRun, stale, terminal, refresh }
}
