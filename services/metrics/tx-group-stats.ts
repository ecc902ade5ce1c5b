import { isTerminal } from '../testing/tx'
import { createPercentiles } from './percentiles'

/** What the per-function and per-account numbers need of a stored tx (columns of the `txs` table). */
export type TxStatRow = {
  label: string
  role: string
  account: string
  state: string
  gas_used: string | null
  latency_ms: number | null
  tx_type: string | null
  receipt_type: number | null
  blob_gas_used: string | null
  blob_gas_price: string | null
}

/** The numbers of one group of txs (one function, one account): counts by state, gas, latency. */
export type TxGroupStats = {
  /** Stored txs in the group. */
  count: number
  mined: number
  reverted: number
  failed: number
  dropped: number
  cancelled: number
  unconfirmed: number
  /** Not terminal yet (planned, signed, submitted): 0 at the end of every run. */
  open: number
  /** Gas used by the included txs (mined + reverted); nulls when none was included. */
  gas: { avg: number | null; p95: number | null; min: number | null; max: number | null; total: number }
  /** Inclusion latency of the included txs (nearest rank, as the report's `latencyMs`). */
  latencyMs: { p50: number | null; p95: number | null }
}

/** One group's numbers as they are fed (createTxGroupStats). */
export type TxGroupAccumulator = {
  /** Counts one stored tx of the group. */
  add(r: TxStatRow): void
  /** The group's numbers from the rows added so far. */
  result(): TxGroupStats
}

/**
 * One group's numbers, fed row by row (a million-tx run is never a million row objects at once).
 * Pure: the report builder and the tests that re-derive the report from SQLite both go through
 * it, so "gas avg" means one thing everywhere.
 */
export function createTxGroupStats(): TxGroupAccumulator {
  const s = { count: 0, mined: 0, reverted: 0, failed: 0, dropped: 0, cancelled: 0, unconfirmed: 0, open: 0 }
  // Bounded whatever the group's size (docs/metrics.md#percentiles).
  const gas = createPercentiles()
  const latency = createPercentiles()
  let total = 0
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  return {
    add(r: TxStatRow) {
      s.count++
      if (isTerminal(r.state)) s[r.state]++
      else s.open++
      if (r.state !== 'mined' && r.state !== 'reverted') return
      if (r.gas_used !== null) {
        // Stored as text (a bigint on the way in); the gas of one tx fits a double exactly.
        const g = Number(r.gas_used)
        gas.record(g)
        total += g
        if (g < min) min = g
        if (g > max) max = g
      }
      if (r.latency_ms !== null) latency.record(r.latency_ms)
    },
    result(): TxGroupStats {
      const n = gas.count
      return {
        ...s,
        gas: {
          avg: n ? Math.round((total / n) * 10) / 10 : null,
          p95: gas.at(95),
          min: n ? min : null,
          max: n ? max : null,
          total,
        },
        latencyMs: { p50: latency.at(50), p95: latency.at(95) },
      }
    },
  }
}

/** One group's numbers from its rows. */
export function txGroupStats(rows: Iterable<TxStatRow>): TxGroupStats {
  const acc = createTxGroupStats()
  for (const r of rows) acc.add(r)
  return acc.result()
}

/** Rows grouped by a key (in first-seen order), each group's numbers. */
export function groupStats<K>(rows: Iterable<TxStatRow>, keyOf: (row: TxStatRow) => K): Map<K, TxGroupStats> {
  const groups = new Map<K, TxGroupAccumulator>()
  for (const r of rows) {
    const key = keyOf(r)
    let acc = groups.get(key)
    if (!acc) {
      acc = createTxGroupStats()
      groups.set(key, acc)
    }
    acc.add(r)
  }
  return new Map([...groups].map(([k, acc]) => [k, acc.result()]))
}
