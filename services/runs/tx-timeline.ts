import type { TxErrorKind } from '../errors/tx-error'
import type { TxRow } from '../live/frames'
import { isIncluded, isTerminal } from '../testing/tx'

export type TimelineStep = {
  /** ms since epoch; null when the store does not record this moment (planning and signing). */
  at: number | null
  step: 'planned' | 'signed' | 'attempt-failed' | 'submitted' | 'included' | 'ended'
  label: string
  detail: string | null
}

/** One failed attempt to send the tx, as the errors table kept it. */
export type TxAttempt = {
  at: number
  kind: TxErrorKind
  message: string
  attempt: number | null
  willRetry: boolean
}

const reachedSigning = new Set(['signed', 'submitted', 'mined', 'reverted', 'dropped'])

/**
 * A tx's life in order. The store keeps when the accepted attempt was sent, each failed attempt,
 * and when the tx was seen included or ended; planning and signing have no stored time (the run
 * writer keeps only each tx's latest state), so they lead the list untimed.
 */
export function timelineOf(
  tx: TxRow,
  attempts: readonly TxAttempt[],
  receipt: { blockTimestamp: number | null } | null,
  revertReason: string | null = tx.error,
): TimelineStep[] {
  const untimed: TimelineStep[] = [{ at: null, step: 'planned', label: 'Planned', detail: tx.label || null }]
  if (tx.hash || reachedSigning.has(tx.state))
    untimed.push({ at: null, step: 'signed', label: 'Signed', detail: tx.nonce === null ? null : `nonce ${tx.nonce}` })

  // A revert is recorded as an error too; the "Reverted in block" step already says it.
  const failed = tx.state === 'reverted' ? attempts.filter((a) => a.kind !== 'reverted') : attempts
  const timed: TimelineStep[] = failed.map((a) => ({
    at: a.at,
    step: 'attempt-failed',
    label: `Attempt ${a.attempt ?? '?'} failed: ${a.kind}${a.willRetry ? ' (retried)' : ''}`,
    detail: a.message,
  }))
  if (tx.submittedAt !== null)
    timed.push({
      at: tx.submittedAt,
      step: 'submitted',
      label: tx.attempts > 1 ? `Submitted (attempt ${tx.attempts})` : 'Submitted',
      detail: tx.hash,
    })
  if (isIncluded(tx.state))
    timed.push({
      // A run settled after a crash has no observed time: the block's own is the next best.
      at: tx.includedAt ?? receipt?.blockTimestamp ?? null,
      step: 'included',
      label: `${tx.state === 'mined' ? 'Mined' : 'Reverted'}${tx.block === null ? '' : ` in block ${tx.block}`}`,
      detail: tx.state === 'reverted' ? revertReason : tx.latencyMs === null ? null : `${tx.latencyMs} ms after submit`,
    })
  else if (isTerminal(tx.state))
    timed.push({ at: tx.updatedAt, step: 'ended', label: capitalise(tx.state), detail: tx.error })

  // Stable: equal times keep the order above (an attempt's error before the send that worked).
  timed.sort((a, b) => (a.at ?? Number.POSITIVE_INFINITY) - (b.at ?? Number.POSITIVE_INFINITY))
  return [...untimed, ...timed]
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
