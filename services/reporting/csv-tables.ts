import { type AccountStats, accountStats } from '../metrics/account-stats'
import type { FunctionStats } from '../metrics/functions'
import type { ErrorGroup } from '../run-model/error-groups'
import type { Db } from '../store/db'
import { readTxStatRows } from '../store/stat-rows'
import { type TxDbRow, txColumns as txDbColumns } from '../store/tx-rows'
import { type CsvColumn, csvLine, csvTable } from './csv'
import { loadReport } from './stored-run'

/** The tables `GET /api/runs/:id/report.csv?table=` and `--report-csv <dir>` give. */
export const csvTables = ['txs', 'functions', 'errors', 'accounts'] as const
export type CsvTable = (typeof csvTables)[number]

/** Per-tx rows: the `txs` table's own columns and values (times in ms since the epoch). */
const txColumns: CsvColumn<TxDbRow>[] = [
  ['idx', (r) => r.idx],
  ['role', (r) => r.role],
  ['label', (r) => r.label],
  ['account', (r) => r.account],
  ['nonce', (r) => r.nonce],
  ['hash', (r) => r.hash],
  ['state', (r) => r.state],
  ['attempts', (r) => r.attempts],
  ['submitted_at', (r) => r.submitted_at],
  ['included_at', (r) => r.included_at],
  ['block_number', (r) => r.block_number],
  ['gas_used', (r) => r.gas_used],
  ['tx_type', (r) => r.tx_type],
  ['latency_ms', (r) => r.latency_ms],
  ['error_kind', (r) => r.error_kind],
  ['error_message', (r) => r.error_message],
  ['updated_at', (r) => r.updated_at],
]

export const txsCsvPageSize = 5_000

/**
 * The run's tx rows as CSV, one page of rows per chunk (keyset on idx: every page is an index
 * seek, and a 100k-tx run is never one string in memory).
 */
export function* txsCsvChunks(db: Db, runId: string, pageSize = txsCsvPageSize): Generator<string> {
  const page = db.prepare<[string, number, number], TxDbRow>(
    `SELECT ${txDbColumns} FROM txs WHERE run_id = ? AND idx > ? ORDER BY idx LIMIT ?`,
  )
  yield csvLine(txColumns.map(([h]) => h))
  // Gap fills have negative indexes: start below any of them.
  let after = Number.MIN_SAFE_INTEGER
  for (;;) {
    const rows = page.all(runId, after, pageSize)
    if (!rows.length) return
    let chunk = ''
    for (const r of rows) chunk += csvLine(txColumns.map(([, read]) => read(r)))
    yield chunk
    after = (rows.at(-1) as TxDbRow).idx
    if (rows.length < pageSize) return
  }
}

const functionColumns: CsvColumn<FunctionStats>[] = [
  ['label', (f) => f.label],
  ['role', (f) => f.role],
  ['count', (f) => f.count],
  ['mined', (f) => f.mined],
  ['reverted', (f) => f.reverted],
  ['failed', (f) => f.failed],
  ['dropped', (f) => f.dropped],
  ['cancelled', (f) => f.cancelled],
  ['unconfirmed', (f) => f.unconfirmed],
  ['open', (f) => f.open],
  ['gas_avg', (f) => f.gas.avg],
  ['gas_p95', (f) => f.gas.p95],
  ['gas_min', (f) => f.gas.min],
  ['gas_max', (f) => f.gas.max],
  ['gas_total', (f) => f.gas.total],
  ['latency_p50_ms', (f) => f.latencyMs.p50],
  ['latency_p95_ms', (f) => f.latencyMs.p95],
]

const errorColumns: CsvColumn<ErrorGroup>[] = [
  ['kind', (e) => e.kind],
  ['title', (e) => e.title],
  ['label', (e) => e.label],
  ['count', (e) => e.count],
  ['retried', (e) => e.retried],
  ['hint', (e) => e.hint],
  ['sample', (e) => e.sample],
  ['first_at', (e) => e.firstAt],
  ['last_at', (e) => e.lastAt],
]

const accountColumns: CsvColumn<AccountStats>[] = [
  ['address', (a) => a.address],
  ['kind', (a) => a.kind],
  ['txs', (a) => a.txs.count],
  ['mined', (a) => a.txs.mined],
  ['reverted', (a) => a.txs.reverted],
  ['failed', (a) => a.txs.failed],
  ['dropped', (a) => a.txs.dropped],
  ['cancelled', (a) => a.txs.cancelled],
  ['unconfirmed', (a) => a.txs.unconfirmed],
  ['sent', (a) => a.sent],
  ['expected_nonce', (a) => a.expectedNonce],
  ['on_chain_nonce', (a) => a.onChainNonce],
  ['balance_wei', (a) => a.balanceWei],
  ['gas_total', (a) => a.txs.gas.total],
  ['latency_p50_ms', (a) => a.txs.latencyMs.p50],
  ['latency_p95_ms', (a) => a.txs.latencyMs.p95],
  ['last_error', (a) => a.lastError],
]

export const functionsCsv = (functions: readonly FunctionStats[]) => csvTable(functionColumns, functions)
export const errorsCsv = (errors: readonly ErrorGroup[]) => csvTable(errorColumns, errors)
export const accountsCsv = (accounts: readonly AccountStats[]) => csvTable(accountColumns, accounts)

/** One table of a finished run as CSV chunks (the small tables are one chunk). */
export function csvChunks(db: Db, runId: string, table: CsvTable): Iterable<string> {
  switch (table) {
    case 'txs':
      // Checked first: an unknown run or one still running is an error, not an empty file.
      loadReport(db, runId)
      return txsCsvChunks(db, runId)
    case 'functions':
      return [functionsCsv(loadReport(db, runId).report.functions)]
    case 'errors':
      return [errorsCsv(loadReport(db, runId).report.errors)]
    case 'accounts':
      return [accountsCsv(accountStats(loadReport(db, runId).report.accounts, readTxStatRows(db, runId)))]
  }
}
