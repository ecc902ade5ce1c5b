'use client'

import { useEffect, useState } from 'react'
import type { TxRowsPage } from '@/services/store/tx-rows'
import { formatInt } from '../format'
import { type TxFilter, txRowsSearch } from './tx-filter'
import { TxLogRow, txRowHeight } from './tx-log-row'

/** Rows per page read from the store. */
const pageRows = 100

type Props = {
  runId: string
  filter: TxFilter
  selected: number | null
  onOpen: (idx: number) => void
}

/**
 * Every tx of the run as the store holds it, a page at a time (GET /api/runs/:id/txs, idx order,
 * the log's filters): the rows older than the window the live page keeps in memory.
 */
export function StoredTxPages({ runId, filter, selected, onOpen }: Props) {
  // The page is the filter's: a new filter starts from its first page.
  const [at, setAt] = useState({ filter, offset: 0 })
  const offset = at.filter === filter ? at.offset : 0
  const setOffset = (n: number) => setAt({ filter, offset: n })
  const [page, setPage] = useState<TxRowsPage | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const abort = new AbortController()
    const url = `/api/runs/${encodeURIComponent(runId)}/txs?${txRowsSearch(filter, offset, pageRows)}`
    fetch(url, { signal: abort.signal })
      .then(async (r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`)
        setPage((await r.json()) as TxRowsPage)
        setError(null)
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(e instanceof Error ? e.message : String(e))
      })
    return () => abort.abort()
  }, [runId, filter, offset])

  const rows = page?.rows ?? []
  const matching = page?.matching ?? 0
  return (
    <div className="tx-stored" data-testid="stored-txs">
      <div className="tx-log-bar">
        <span data-testid="stored-txs-count" data-matching={matching} data-offset={offset}>
          {rows.length
            ? `${formatInt(offset + 1)}–${formatInt(offset + rows.length)} of ${formatInt(matching)} stored txs`
            : `${formatInt(matching)} stored txs`}
        </span>
        <span>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageRows))}>
            Previous
          </button>{' '}
          <button type="button" disabled={offset + pageRows >= matching} onClick={() => setOffset(offset + pageRows)}>
            Next
          </button>
        </span>
      </div>
      {error && <p className="muted">Could not read the stored txs: {error}</p>}
      <table className="tx-table" aria-rowcount={rows.length}>
        <tbody className="tx-scroll" style={{ height: Math.min(rows.length * txRowHeight, 560) }}>
          <tr className="tx-spacer" style={{ height: rows.length * txRowHeight }} />
          {rows.map((row, i) => (
            <TxLogRow key={row.idx} row={row} top={i * txRowHeight} selected={row.idx === selected} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
    </div>
  )
}
