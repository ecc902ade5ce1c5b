import type { TxStatRow } from '../metrics/tx-group-stats'
import type { Db } from './db'

/**
 * The columns per-function and per-account numbers are computed from, for every stored tx of a
 * run (gap fills too), read one at a time: a million-tx run is never a million objects at once.
 */
export function readTxStatRows(db: Db, runId: string): Iterable<TxStatRow> {
  const stmt = db.prepare<[string], TxStatRow>(
    `SELECT label, role, account, state, gas_used, latency_ms, tx_type, receipt_type, blob_gas_used, blob_gas_price
     FROM txs WHERE run_id = ? ORDER BY idx`,
  )
  // A fresh iteration each time it is iterated (an iterate() cursor can be walked once only).
  return { [Symbol.iterator]: () => stmt.iterate(runId) }
}
