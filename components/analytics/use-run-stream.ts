'use client'

import { useEffect, useState } from 'react'
import { isTerminal } from '../run-status'
import { RunStreamStore, type RunStreamView, type StreamMetrics, type WireFrame } from './run-stream-store'

declare global {
  interface Window {
    /** The live stream's counters, read by the e2e tests and the bench. */
    __evmStressStream?: StreamMetrics
  }
}

/** Thousands of tx rows a second arrive; React looks at them at most this often. */
const renderEveryMs = 100
const keepLags = 10_000
const eventNames = ['reset', 'reset-txs', 'reset-done', 'txs', 'stats', 'end'] as const
const maxRetryMs = 15_000

const initialView = new RunStreamStore().view()

/**
 * Follows one run's live stream (Server-Sent Events). The EventSource reconnects by itself with
 * Last-Event-ID; the store drops what it already holds. Renders are coalesced on a timer, not one
 * per frame.
 */
export function useRunStream(runId: string, enabled: boolean): RunStreamView {
  const [view, setView] = useState<RunStreamView>(initialView)

  useEffect(() => {
    if (!enabled) return
    const url = `/api/runs/${encodeURIComponent(runId)}/stream`
    const store = new RunStreamStore()
    window.__evmStressStream = store.metrics
    let source: EventSource | null = null
    let renderTimer: ReturnType<typeof setTimeout> | undefined
    let retryTimer: ReturnType<typeof setTimeout> | undefined
    let retries = 0
    let lastRenderAt = 0
    /** The oldest engine event among tx rows not yet on screen (for the lag figures). */
    let oldestUnshown: number | null = null

    const render = () => {
      renderTimer = undefined
      lastRenderAt = performance.now()
      setView(store.view())
      const oldest = oldestUnshown
      oldestUnshown = null
      if (oldest !== null)
        requestAnimationFrame(() => {
          const lags = store.metrics.lags
          lags.push(Date.now() - oldest)
          if (lags.length > keepLags) lags.shift()
        })
    }
    // The first change after a quiet spell is drawn at once; a busy stream at most every renderEveryMs.
    const scheduleRender = () => {
      renderTimer ??= setTimeout(render, Math.max(0, lastRenderAt + renderEveryMs - performance.now()))
    }

    const onFrame = (event: MessageEvent<string>) => {
      let frame: WireFrame
      try {
        frame = JSON.parse(event.data) as WireFrame
      } catch {
        return
      }
      if (frame.kind === 'txs' && frame.seq > store.lastSeq)
        for (const r of frame.rows)
          if (oldestUnshown === null || r.updatedAt < oldestUnshown) oldestUnshown = r.updatedAt
      if (store.apply(frame)) scheduleRender()
      // The run is over: without this the EventSource would reconnect forever.
      if (store.connection === 'ended') source?.close()
    }

    const onError = () => {
      if (!source || store.connection === 'ended') return
      store.abortReset()
      // A finished run whose server closed without an end frame: nothing more will come.
      const stats = store.view().stats
      if (stats && isTerminal(stats.status)) {
        source.close()
        if (store.end()) scheduleRender()
        return
      }
      // CLOSED means the browser gave up (an HTTP error, not an event stream): retry ourselves.
      if (source.readyState === EventSource.CLOSED) {
        retryTimer = setTimeout(open, Math.min(1000 * 2 ** retries++, maxRetryMs))
      }
      if (store.setConnection('reconnecting')) scheduleRender()
    }

    function open() {
      // A fresh EventSource sends no Last-Event-ID: `?after=` asks for the missed frames instead.
      const after = store.lastSeq >= 0 ? `?after=${store.lastSeq}` : ''
      source = new EventSource(url + after)
      source.onopen = () => {
        retries = 0
        if (store.setConnection('live')) scheduleRender()
      }
      source.onerror = onError
      for (const name of eventNames) source.addEventListener(name, onFrame)
    }

    open()
    return () => {
      source?.close()
      source = null
      clearTimeout(renderTimer)
      clearTimeout(retryTimer)
    }
  }, [runId, enabled])

  return view
}
