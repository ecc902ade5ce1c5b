import { emptyCounts, type TxCounts } from '../testing/ledger'
import type { TxState } from '../testing/tx'
import type { FunctionStats } from './functions'

/**
 * A run's planned txs counted by label (a workload's call rows, a custom call's function): the
 * per-call counters of the live page. Counts only, one TxCounts per label (`planned` = txs of the
 * label seen so far), so it is cheap to keep and to send every second.
 */
export type LabelCounts = TxCounts & { label: string }

export function createLabelCounter() {
  const labelOf = new Map<number, string>()
  const stateOf = new Map<number, TxState>()
  const byLabel = new Map<string, TxCounts>()

  /** A planned tx's new state (the aggregator's own transitions: one per change). */
  function onTx(idx: number, label: string, state: TxState) {
    let own = labelOf.get(idx)
    if (own === undefined) {
      own = label
      labelOf.set(idx, own)
    }
    let counts = byLabel.get(own)
    if (!counts) {
      counts = emptyCounts(0)
      byLabel.set(own, counts)
    }
    const prev = stateOf.get(idx)
    if (prev === state) return
    if (prev === undefined) counts.planned++
    else if (prev !== 'planned') counts[prev]--
    if (state !== 'planned') counts[state]++
    stateOf.set(idx, state)
  }

  /** In the order the labels first appeared. */
  const snapshot = (): LabelCounts[] => [...byLabel].map(([label, c]) => ({ label, ...c }))

  return { onTx, snapshot }
}

/** The same counts from stored rows (a run that ended without a report). */
export function labelCountsOfRows(rows: Iterable<{ label: string; role: string; state: TxState }>): LabelCounts[] {
  const counter = createLabelCounter()
  let idx = 0
  for (const r of rows) if (r.role === 'planned') counter.onTx(idx++, r.label, r.state)
  return counter.snapshot()
}

/** The same counts from a finished run's report (its per-function numbers). */
export function labelCountsOfReport(functions: readonly FunctionStats[]): LabelCounts[] {
  return functions
    .filter((f) => f.role === 'planned')
    .map((f) => ({
      label: f.label,
      planned: f.count,
      signed: 0,
      // Still open at the end (an interrupted run): neither included nor failed.
      submitted: f.open,
      mined: f.mined,
      reverted: f.reverted,
      failed: f.failed,
      dropped: f.dropped,
      cancelled: f.cancelled,
      unconfirmed: f.unconfirmed,
    }))
}

/** What the page shows of one label: sent = reached the node; failed = ended without being included. */
export function labelFigures(c: TxCounts) {
  return {
    txs: c.planned,
    sent: c.submitted + c.mined + c.reverted + c.dropped + c.unconfirmed,
    mined: c.mined,
    reverted: c.reverted,
    failed: c.failed + c.dropped + c.unconfirmed,
  }
}
