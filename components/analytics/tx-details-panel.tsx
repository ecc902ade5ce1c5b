'use client'

import { useEffect, useRef, useState } from 'react'
import type { TxDetails } from '@/services/runs/tx-details'
import { type ApiErrorBody, callApi } from '../api-client'
import { TxAttempts, TxCall, TxReceipt, TxSummary, TxTimeline } from './tx-details-sections'

type Props = {
  runId: string
  idx: number
  /** The row's state now: when it moves on (submitted → mined), the details are read again. */
  state: string | undefined
  onClose: () => void
}

type Loaded = { idx: number; details: TxDetails } | { idx: number; error: ApiErrorBody }

/** A side drawer with everything known about one tx; Esc or the close button shut it. */
export function TxDetailsPanel({ runId, idx, state, onClose }: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const closeButton = useRef<HTMLButtonElement>(null)
  const close = useRef(onClose)
  close.current = onClose

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new state of the row is a reason to read it again
  useEffect(() => {
    let cancelled = false
    void callApi<TxDetails>(`/api/runs/${encodeURIComponent(runId)}/txs/${idx}`).then((r) => {
      if (!cancelled) setLoaded(r.ok ? { idx, details: r.data } : { idx, error: r.error })
    })
    return () => {
      cancelled = true
    }
  }, [runId, idx, state])

  useEffect(() => {
    closeButton.current?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  // A previous tx's details stay hidden while the next one loads.
  const current = loaded?.idx === idx ? loaded : null
  return (
    <aside
      className="tx-drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby="tx-details-title"
      data-testid="tx-details"
      data-idx={idx}
      data-loaded={current !== null && 'details' in current}
    >
      <header className="tx-drawer-head">
        <h2 id="tx-details-title" className="tx-drawer-title">
          Transaction #{idx}
        </h2>
        <button
          ref={closeButton}
          type="button"
          className="button button-secondary button-small"
          data-testid="tx-details-close"
          onClick={onClose}
          aria-label="Close the transaction details"
        >
          Close
        </button>
      </header>
      {!current && <p className="muted">Loading…</p>}
      {current && 'error' in current && (
        <div className="alert alert-bad" data-testid="tx-details-error">
          {current.error.message}
          {current.error.hint && <span className="hint">{current.error.hint}</span>}
        </div>
      )}
      {current && 'details' in current && <DetailsBody d={current.details} />}
    </aside>
  )
}

function DetailsBody({ d }: { d: TxDetails }) {
  return (
    <div className="tx-drawer-body">
      <TxSummary d={d} />
      {d.node.reachable === false && (
        <p className="warning small" data-testid="tx-details-node">
          The run’s node is not reachable, so the receipt and the call are not shown: {d.node.error}
        </p>
      )}
      {d.revertReason !== null && (
        <section>
          <h3 className="section-title">Revert reason</h3>
          <p className="tx-revert" data-testid="tx-revert-reason">
            {d.revertReason}
          </p>
          {d.revertReplayed && (
            <p className="muted small">
              Replayed now on the block before: the run records the reasons of its first 500 reverts only.
            </p>
          )}
        </section>
      )}
      <section>
        <h3 className="section-title">Timeline</h3>
        <TxTimeline d={d} />
      </section>
      <section>
        <h3 className="section-title">Call</h3>
        <TxCall d={d} />
      </section>
      <section>
        <h3 className="section-title">Receipt</h3>
        <TxReceipt d={d} />
      </section>
      <section>
        <h3 className="section-title">Failed attempts</h3>
        <TxAttempts d={d} />
      </section>
    </div>
  )
}
