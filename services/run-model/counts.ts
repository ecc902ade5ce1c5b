import type { TxState } from '../testing/tx'

/** A run's planned txs by their latest state (gap fills are not planned and not counted here). */
export type TxCounts = {
  planned: number
  /** Not yet terminal: signed and waiting to be sent or retried. */
  signed: number
  /** Not yet terminal: accepted by the node, waiting for inclusion. */
  submitted: number
  mined: number
  reverted: number
  failed: number
  dropped: number
  cancelled: number
  unconfirmed: number
}

export function emptyCounts(planned = 0): TxCounts {
  return {
    planned,
    signed: 0,
    submitted: 0,
    mined: 0,
    reverted: 0,
    failed: 0,
    dropped: 0,
    cancelled: 0,
    unconfirmed: 0,
  }
}

/**
 * One tx moved from `prev` to `next` ('planned' = not counted yet): the one counting rule, used by
 * the engine's ledger and by the run model alike. A repeat of the same state changes nothing.
 */
export function countTransition(c: TxCounts, prev: TxState, next: TxState): void {
  if (prev === next) return
  if (prev !== 'planned') c[prev]--
  if (next !== 'planned') c[next]++
}

/** planned = terminalTotal at the end of every run: the invariant (docs/metrics.md#invariant). */
export function terminalTotal(c: TxCounts): number {
  return settledTotal(c) + c.cancelled
}

/** Txs that ended after being sent or tried (cancelled ones never were): what rates divide by. */
export function settledTotal(c: TxCounts): number {
  return c.mined + c.reverted + c.failed + c.dropped + c.unconfirmed
}

/** Every tx the node accepted at some point (mined, reverted, pending, dropped, unconfirmed). */
export function reachedNodeTotal(c: TxCounts): number {
  return c.mined + c.reverted + c.submitted + c.dropped + c.unconfirmed
}

/** Included in a block, with success or reverted. */
export function includedTotal(c: TxCounts): number {
  return c.mined + c.reverted
}

/**
 * `part` as a share of `whole` in percent, to 2 decimals; null when `whole` is 0. The one rounding
 * of every success % and rate: a verdict compares the value it shows, never a hidden fraction.
 */
export function pctOf(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 10_000) / 100 : null
}

/** Mined as a share of the settled txs (docs/metrics.md#success); null before any settled. */
export function successPct(c: TxCounts): number | null {
  return pctOf(c.mined, settledTotal(c))
}

/** The invariant holds and nothing is left open. */
export function invariantHolds(c: TxCounts): boolean {
  return c.planned === terminalTotal(c) && c.signed === 0 && c.submitted === 0
}
