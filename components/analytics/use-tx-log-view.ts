'use client'

import { useEffect, useRef, useState } from 'react'
import type { TxRow } from '@/services/live/frames'
import type { TxFilter } from './tx-filter'
import { computeTxLogView, type TxLogView } from './tx-log-view'

/** Rows change thousands of times a second; the filtered list is rebuilt at most this often. */
const recomputeEveryMs = 250

/**
 * The filtered view of the tx log, kept for (rowsVersion, filter). A new filter or a new rows
 * array (a reset) is applied at once; new row versions at most every 250 ms (a throttle anchored
 * on the last rebuild, so a steady stream of updates cannot postpone it forever).
 */
export function useTxLogView(rows: readonly TxRow[], rowsVersion: number, filter: TxFilter): TxLogView {
  const [view, setView] = useState(() => computeTxLogView(rows, rowsVersion, filter))
  const builtAt = useRef(0)

  useEffect(() => {
    if (view.rows === rows && view.filter === filter && view.version === rowsVersion) return
    const urgent = view.rows !== rows || view.filter !== filter
    const wait = urgent ? 0 : Math.max(0, builtAt.current + recomputeEveryMs - performance.now())
    const timer = setTimeout(() => {
      builtAt.current = performance.now()
      setView(computeTxLogView(rows, rowsVersion, filter))
    }, wait)
    return () => clearTimeout(timer)
  }, [rows, rowsVersion, filter, view])

  return view
}
