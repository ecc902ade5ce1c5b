import type { Address, Hex } from 'viem'
import { type TxType, txTypes } from '../config/tx-type-schema'
import { NotFoundError } from '../errors/base'
import type { TxErrorKind } from '../errors/tx-error'
import type { TxRow } from '../run-model/rows'
import type { TxState } from '../testing/tx'
import type { Db } from './db'

/** One row of the `txs` table as SQLite returns it (`SELECT *`, run_id left out). */
export type TxDbRow = {
  idx: number
  role: string
  label: string
  account: Address
  nonce: number | null
  hash: Hex | null
  state: string
  attempts: number
  submitted_at: number | null
  included_at: number | null
  block_number: number | null
  gas_used: string | null
  latency_ms: number | null
  error_kind: string | null
  error_message: string | null
  updated_at: number
  tx_type: string | null
}

/** Every column of a stored tx (`SELECT *`): what its events carried (run-writer.ts writes them). */
export type StoredTxRow = TxDbRow & {
  gas_limit: string | null
  receipt_type: number | null
  blob_gas_used: string | null
  blob_gas_price: string | null
  /** Its earliest send and latest acceptance by the node; null when never accepted (docs/architecture.md#run-model). */
  first_submitted_at: number | null
  accepted_at: number | null
  submit_rtt_ms: number | null
}

/** The one mapping from the stored row to the row of the tx log: the API and the live stream share it. */
export function txRowFromDb(row: TxDbRow): TxRow {
  return {
    idx: row.idx,
    role: row.role === 'gap-fill' ? 'gap-fill' : 'planned',
    label: row.label,
    account: row.account,
    nonce: row.nonce,
    hash: row.hash,
    state: row.state as TxState,
    attempts: row.attempts,
    submittedAt: row.submitted_at,
    includedAt: row.included_at,
    block: row.block_number,
    // Stored as text (a bigint on the way in); gas used by one tx fits a double exactly.
    gasUsed: row.gas_used === null ? null : Number(row.gas_used),
    txType: (txTypes as readonly string[]).includes(row.tx_type ?? '') ? (row.tx_type as TxType) : null,
    latencyMs: row.latency_ms,
    errorKind: row.error_kind as TxErrorKind | null,
    error: row.error_message,
    updatedAt: row.updated_at,
  }
}

/** Filters of the tx list; absent or empty = no filter on that field. */
export type TxRowsQuery = {
  states?: readonly TxState[]
  /** Exact address, any letter case. */
  account?: string
  /** Exact function/operation label. */
  label?: string
  errorKind?: TxErrorKind
  /** Substring (any case) of the hash, account, label or error message. */
  q?: string
  offset?: number
  limit?: number
}

export const txRowsDefaultLimit = 100
export const txRowsMaxLimit = 1000

export type TxRowsPage = { total: number; matching: number; rows: TxRow[] }

/** The columns of a TxDbRow, for SELECTs. */
export const txColumns = `idx, role, label, account, nonce, hash, state, attempts, submitted_at, included_at, block_number,
  gas_used, latency_ms, error_kind, error_message, updated_at, tx_type`

/** `%` and `_` typed by the user match themselves, not any text. */
const likeEscape = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * A page of one run's tx rows in idx order, with how many rows the run has and how many match.
 * The run writer commits every ~200 ms, so a running run's rows may lag the live stream slightly.
 */
export function listTxRows(db: Db, runId: string, query: TxRowsQuery = {}): TxRowsPage {
  if (!db.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId))
    throw new NotFoundError(`No run with id ${runId}`, { hint: 'List runs with GET /api/runs.' })
  const where = ['run_id = @runId']
  const params: Record<string, string | number> = { runId }
  if (query.states?.length) {
    where.push(`state IN (${query.states.map((_, i) => `@state${i}`).join(', ')})`)
    for (const [i, s] of query.states.entries()) params[`state${i}`] = s
  }
  if (query.account) {
    where.push('lower(account) = lower(@account)')
    params.account = query.account
  }
  if (query.label) {
    where.push('label = @label')
    params.label = query.label
  }
  if (query.errorKind) {
    where.push('error_kind = @errorKind')
    params.errorKind = query.errorKind
  }
  if (query.q) {
    // Both sides lower-cased: SQLite's LIKE ignores ASCII case and PostgreSQL's does not.
    where.push(
      `(lower(hash) LIKE @q ESCAPE '\\' OR lower(account) LIKE @q ESCAPE '\\' OR lower(label) LIKE @q ESCAPE '\\'
        OR lower(error_message) LIKE @q ESCAPE '\\')`,
    )
    params.q = likeEscape(query.q.toLowerCase())
  }
  const filter = where.join(' AND ')
  const total = (db.prepare('SELECT COUNT(*) n FROM txs WHERE run_id = ?').get(runId) as { n: number }).n
  const matching =
    where.length === 1
      ? total
      : (db.prepare(`SELECT COUNT(*) n FROM txs WHERE ${filter}`).get(params) as { n: number }).n
  const limit = Math.min(query.limit ?? txRowsDefaultLimit, txRowsMaxLimit)
  const rows = db
    .prepare<Record<string, string | number>, TxDbRow>(
      `SELECT ${txColumns} FROM txs WHERE ${filter} ORDER BY idx LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit, offset: query.offset ?? 0 })
  return { total, matching, rows: rows.map(txRowFromDb) }
}

/** One stored tx of a run, or undefined. */
export function getTxRow(db: Db, runId: string, idx: number): TxRow | undefined {
  const row = db
    .prepare<[string, number], TxDbRow>(`SELECT ${txColumns} FROM txs WHERE run_id = ? AND idx = ?`)
    .get(runId, idx)
  return row && txRowFromDb(row)
}
