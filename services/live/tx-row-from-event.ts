import type { TxEvent } from '../testing/events'
import type { TxRow } from './frames'

/** A tx event carries the tx's whole latest state: the row is that state, JSON-ready. */
export function txRowFromEvent(e: TxEvent): TxRow {
  const included = e.state === 'mined' || e.state === 'reverted'
  return {
    idx: e.idx,
    role: e.role,
    label: e.label,
    account: e.from,
    nonce: e.nonce ?? null,
    hash: e.hash ?? null,
    state: e.state,
    attempts: e.attempt,
    submittedAt: e.submittedAt ?? null,
    includedAt: included ? e.at : null,
    block: e.blockNumber === undefined ? null : Number(e.blockNumber),
    gasUsed: e.gasUsed === undefined ? null : Number(e.gasUsed),
    txType: e.txType ?? null,
    latencyMs: e.latencyMs ?? null,
    errorKind: e.error?.kind ?? null,
    error: e.error?.message ?? null,
    updatedAt: e.at,
  }
}
