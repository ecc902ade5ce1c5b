import { emptyCounts, type TxCounts } from '../run-model/counts'
import type { TxState } from '../testing/tx'
import type { FunctionStats } from './functions'

/**
 * A run's planned txs counted by label (a workload's call rows, a custom call's function): the
 * per-call counters of the live page. Counts only, one TxCounts per label (`planned` = txs of the
 * label seen so far), so it is cheap to keep and to send every second.
 */
export type LabelCounts = TxCounts & { label: string }

/** A run's planned txs counted by label, as their events come (createLabelCounter). */
export type LabelCounter = {
  /**
   * One change of a planned tx: the label it carries (a tx's label never changes), the state it
   * left ('planned' on its first event) and the one it entered. No per-tx memory.
   */
  onTx: (label: string, prev: TxState, state: TxState) => void
  /** The counts of every label so far, in the order the labels first appeared. */
  snapshot: () => LabelCounts[]
}

export function createLabelCounter(): LabelCounter {
  const byLabel = new Map<string, TxCounts>()

  function onTx(label: string, prev: TxState, state: TxState) {
    let counts = byLabel.get(label)
    if (!counts) {
      counts = emptyCounts(0)
      byLabel.set(label, counts)
    }
    if (prev === state && prev !== 'planned') return
    if (prev === 'planned') counts.planned++
    else counts[prev]--
    if (state !== 'planned') counts[state]++
  }

  const snapshot = (): LabelCounts[] => [...byLabel].map(([label, c]) => ({ label, ...c }))

  return { onTx, snapshot }
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
