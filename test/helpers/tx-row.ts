import type { TxRow } from '../../services/live/frames'
import type { TxState } from '../../services/testing/tx'

/** A live tx row with nothing learned yet but its state: tests change the fields they need. */
export function txRowFixture(idx: number, state: TxState, patch: Partial<TxRow> = {}): TxRow {
  return {
    idx,
    role: 'planned',
    label: 'transfer',
    account: '0xabc',
    nonce: idx,
    hash: null,
    state,
    attempts: 1,
    submittedAt: null,
    includedAt: null,
    block: null,
    gasUsed: null,
    txType: null,
    latencyMs: null,
    errorKind: null,
    error: null,
    updatedAt: 1,
    ...patch,
  }
}
