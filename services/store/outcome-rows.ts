import type { Address } from 'viem'
import type { TxErrorKind } from '../errors/tx-error'
import type { MinedTx, StoredOutcomes, TxOutcome } from '../scenarios/types'
import type { TxState } from '../testing/tx'
import type { Db } from './db'

type OutcomeRow = {
  idx: number
  label: string
  state: string
  gas_limit: string | null
  gas_used: string | null
  block_number: number | null
  submitted_at: number | null
  included_at: number | null
  latency_ms: number | null
  error_kind: string | null
  error_message: string | null
}

/** A fresh cursor each time it is iterated (an iterate() cursor can be walked once only). */
function rows<T, R>(stmt: { iterate(runId: string): IterableIterator<R> }, runId: string, map: (r: R) => T) {
  return {
    *[Symbol.iterator](): Iterator<T> {
      for (const r of stmt.iterate(runId)) yield map(r)
    },
  }
}

function outcomeOf(r: OutcomeRow): TxOutcome {
  return {
    idx: r.idx,
    label: r.label,
    state: r.state as TxState,
    gas: r.gas_limit === null ? 0n : BigInt(r.gas_limit),
    gasUsed: r.gas_used === null ? undefined : BigInt(r.gas_used),
    blockNumber: r.block_number === null ? undefined : BigInt(r.block_number),
    submittedAt: r.submitted_at ?? undefined,
    // The engine's own inclusion time (the latency is measured from it); the row's included_at is
    // when the event was stamped, a millisecond or so later.
    includedAt:
      r.submitted_at !== null && r.latency_ms !== null ? r.submitted_at + r.latency_ms : (r.included_at ?? undefined),
    error: r.error_kind === null ? undefined : { kind: r.error_kind as TxErrorKind, message: r.error_message ?? '' },
  }
}

/**
 * A run's planned txs as the store holds them, for the scenario's checks and findings at the end
 * of the run (the writer must be flushed first): rows read one at a time, in idx order.
 */
export function storedOutcomes(db: Db, runId: string): StoredOutcomes {
  const mined = db.prepare<
    [string],
    { idx: number; label: string; account: string; tx_type: string | null; receipt_type: number | null }
  >(
    `SELECT idx, label, account, tx_type, receipt_type FROM txs
     WHERE run_id = ? AND role = 'planned' AND state = 'mined' ORDER BY idx`,
  )
  const all = db.prepare<[string], OutcomeRow>(
    `SELECT idx, label, state, gas_limit, gas_used, block_number, submitted_at, included_at, latency_ms,
            error_kind, error_message
     FROM txs WHERE run_id = ? AND role = 'planned' ORDER BY idx`,
  )
  return {
    mined: rows(
      mined,
      runId,
      (r): MinedTx => ({
        idx: r.idx,
        label: r.label,
        from: r.account as Address,
        txType: r.tx_type,
        receiptType: r.receipt_type,
      }),
    ),
    txs: rows(all, runId, outcomeOf),
  }
}
