'use client'

import { useCallback, useState } from 'react'
import type { TxRow } from '@/services/live/frames'
import { formatInt } from '../format'
import { StoredTxPages } from './stored-tx-pages'
import { TxDetailsPanel } from './tx-details-panel'
import type { TxFilter } from './tx-filter'
import { TxFilterBar } from './tx-filter-bar'
import { TxLogRow, txLogColumns, txRowHeight } from './tx-log-row'
import { findByIdx, matchingCount, rowAt } from './tx-log-view'
import { useTxLogView } from './use-tx-log-view'
import { useVirtualRows } from './use-virtual-rows'

type Props = {
  runId: string
  /** Sorted by idx and mutated in place by the stream store: `rowsVersion` says when. */
  rows: readonly TxRow[]
  rowsVersion: number
  /** Txs of the run in the store but not in `rows` (older than the window the page holds). */
  notHeld: number
  filter: TxFilter
  onFilterChange: (f: TxFilter) => void
}

/**
 * The run's txs, live: filters, a virtualized table that follows the newest rows, and a details
 * drawer per tx. The page holds a recent window (tx-row-table.ts); older txs are paged from the
 * store with the same filters. Built for 100,000 rows changing thousands of times a second: only the
 * rows in view are in the DOM, and the filtered list is rebuilt a few times a second at most.
 */
export function TxLog({ runId, rows, rowsVersion, notHeld, filter, onFilterChange }: Props) {
  const view = useTxLogView(rows, rowsVersion, filter)
  const [followTail, setFollowTail] = useState(true)
  const [selected, setSelected] = useState<number | null>(null)
  const [browseStored, setBrowseStored] = useState(false)
  const count = matchingCount(view, rows)
  const list = useVirtualRows({
    count,
    rowHeight: txRowHeight,
    followTail,
    onLeaveTail: useCallback(() => setFollowTail(false), []),
  })
  const open = useCallback((idx: number) => setSelected(idx), [])
  const close = useCallback(() => {
    const idx = selected
    setSelected(null)
    // Back to the row the drawer was opened from, when it is still on screen.
    if (idx !== null) list.ref.current?.querySelector<HTMLElement>(`[data-idx="${idx}"]`)?.focus()
  }, [selected, list.ref])

  const visible: { row: TxRow; i: number }[] = []
  for (let i = list.start; i < list.end; i++) {
    const row = rowAt(view, rows, i)
    if (row) visible.push({ row, i })
  }

  return (
    <div className="tx-log">
      <TxFilterBar filter={filter} onFilterChange={onFilterChange} view={view} />
      <div className="tx-log-bar">
        <span data-testid="tx-log-count" data-matching={count} data-total={rows.length}>
          {formatInt(count)} of {formatInt(rows.length)} txs
        </span>
        <label className="tx-follow">
          <input
            type="checkbox"
            data-testid="follow-tail"
            checked={followTail}
            onChange={(e) => setFollowTail(e.target.checked)}
          />
          Follow newest
        </label>
      </div>
      <table className="tx-table" data-testid="tx-log" aria-rowcount={count + 1}>
        <thead>
          <tr className="tx-row tx-head">
            {txLogColumns.map((c) => (
              <th key={c.key} scope="col" className={`tx-cell${'className' in c ? ` ${c.className}` : ''}`}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        {/* The scroller: a spacer row as tall as every match, the visible rows placed over it. */}
        <tbody className="tx-scroll" ref={list.ref} onScroll={list.onScroll}>
          <tr className="tx-spacer" style={{ height: list.totalHeight }} />
          {visible.map(({ row, i }) => (
            <TxLogRow key={row.idx} row={row} top={i * txRowHeight} selected={row.idx === selected} onOpen={open} />
          ))}
        </tbody>
      </table>
      {notHeld > 0 && (
        <p className="muted" data-testid="tx-log-window" data-not-held={notHeld}>
          The newest {formatInt(rows.length)} txs are shown live; {formatInt(notHeld)} older ones are in the store.{' '}
          <button type="button" data-testid="browse-stored" onClick={() => setBrowseStored(!browseStored)}>
            {browseStored ? 'Hide stored txs' : 'Browse stored txs'}
          </button>
        </p>
      )}
      {notHeld > 0 && browseStored && <StoredTxPages runId={runId} filter={filter} selected={selected} onOpen={open} />}
      {count === 0 && (
        <p className="tx-empty muted" data-testid="tx-log-empty">
          {rows.length ? 'No tx matches the filters.' : 'No txs yet.'}
        </p>
      )}
      {selected !== null && (
        <TxDetailsPanel runId={runId} idx={selected} state={findByIdx(rows, selected)?.state} onClose={close} />
      )}
    </div>
  )
}
