import { noteAcceptance, type SendBounds } from '../run-model/model'
import { blockPointOf, txRowFromEvent } from '../run-model/rows'
import type { RunEvent, TxEvent } from '../testing/events'
import type { Db, Statement } from './db'

export type RunWriterOptions = { flushEveryMs?: number; maxBuffered?: number }

/** One run's writer to the store, an output of the run (createRunWriter). */
export type RunWriter = {
  /** Buffers what the store keeps of one event; commits once `maxBuffered` txs and errors wait. */
  onEvent(e: RunEvent): void
  /** Something else worth keeping with the run (the live view's series points and markers). */
  append(type: string, at: number, data: unknown): void
  /** Commits everything buffered; returns once it is committed. */
  flush: () => void
  /** Stops the periodic commits and commits what is left. */
  close(): void
}

/**
 * Writes one run's events to the store in batched transactions: per-tx rows keep only the latest
 * state (an upsert per change would be most of the cost), errors and notable events are
 * appended. `flush()` returns once everything buffered is committed.
 */
export function createRunWriter(db: Db, runId: string, options: RunWriterOptions = {}): RunWriter {
  /** Per tx: its latest event, and the bounds of its acceptances among the buffered ones. */
  const pendingTx = new Map<number, SendBounds & { e: TxEvent }>()
  const pendingErrors: Extract<RunEvent, { type: 'error' }>[] = []
  const pendingEvents: { at: number; type: string; data: unknown }[] = []
  const upsertTxs = txUpserts(db)
  const insertError = db.prepare(`
    INSERT INTO errors (run_id, tx_idx, at, kind, message, raw, account, nonce, attempt, label, will_retry, hint)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertEvent = db.prepare('INSERT INTO run_events (run_id, at, type, data_json) VALUES (?, ?, ?, ?)')

  const commit = db.transaction(() => {
    // The same row the live stream shows (one definition of inclusion time, gas, error), in columns.
    const rows: unknown[][] = []
    for (const { e, firstSubmitAt, lastSubmitAt } of pendingTx.values()) {
      const r = txRowFromEvent(e)
      // In txColumns' order.
      rows.push([
        runId,
        r.idx,
        r.role,
        r.label,
        r.account,
        r.nonce,
        r.hash,
        r.state,
        r.attempts,
        r.submittedAt,
        r.includedAt,
        r.block,
        r.gasUsed === null ? null : String(r.gasUsed),
        r.latencyMs,
        r.errorKind,
        r.error,
        r.updatedAt,
        String(e.gas),
        r.txType,
        e.receiptType ?? null,
        e.blobGasUsed === undefined ? null : String(e.blobGasUsed),
        e.blobGasPrice === undefined ? null : String(e.blobGasPrice),
        firstSubmitAt,
        lastSubmitAt,
        e.submitRttMs ?? null,
      ])
    }
    upsertTxs(rows)
    for (const e of pendingErrors)
      insertError.run(
        runId,
        e.idx ?? null,
        e.at,
        e.error.kind,
        e.error.message,
        e.error.raw ?? null,
        e.from ?? null,
        e.nonce ?? null,
        e.attempt ?? null,
        e.label ?? null,
        e.willRetry ? 1 : 0,
        e.error.hint ?? null,
      )
    for (const e of pendingEvents)
      insertEvent.run(
        runId,
        e.at,
        e.type,
        JSON.stringify(e.data, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
      )
    pendingTx.clear()
    pendingErrors.length = 0
    pendingEvents.length = 0
  })

  const maxBuffered = options.maxBuffered ?? 5_000
  const timer = setInterval(() => flush(), options.flushEveryMs ?? 200)
  timer.unref()

  function flush() {
    if (pendingTx.size || pendingErrors.length || pendingEvents.length) commit()
  }

  return {
    onEvent(e: RunEvent) {
      if (e.type === 'tx') {
        // One entry per tx until the commit: its latest event, its acceptances folded in.
        const held = pendingTx.get(e.idx) ?? { e, firstSubmitAt: null, lastSubmitAt: null }
        held.e = e
        pendingTx.set(e.idx, held)
        noteAcceptance(held, e)
      } else if (e.type === 'error') pendingErrors.push(e)
      // A replacement is kept whole: the hash it replaced leaves the tx's row (docs/config.md#replacement).
      else if (e.type === 'status' || e.type === 'warning' || e.type === 'log' || e.type === 'replaced')
        pendingEvents.push({ at: e.at, type: e.type, data: e })
      // Every block: the charts draw them and a replay counts them (docs/architecture.md#run-model).
      else if (e.type === 'block') pendingEvents.push({ at: e.at, type: 'block', data: blockPointOf(e) })
      if (pendingTx.size + pendingErrors.length >= maxBuffered) flush()
    },
    append(type: string, at: number, data: unknown) {
      pendingEvents.push({ at, type, data })
    },
    flush,
    close() {
      clearInterval(timer)
      flush()
    },
  }
}

/** The columns of a tx's row the writer sets, in the order its rows list them. */
const txColumns = [
  'run_id',
  'idx',
  'role',
  'label',
  'account',
  'nonce',
  'hash',
  'state',
  'attempts',
  'submitted_at',
  'included_at',
  'block_number',
  'gas_used',
  'latency_ms',
  'error_kind',
  'error_message',
  'updated_at',
  'gas_limit',
  'tx_type',
  'receipt_type',
  'blob_gas_used',
  'blob_gas_price',
  'first_submitted_at',
  'accepted_at',
  'submit_rtt_ms',
] as const

/**
 * Rows per upsert statement. PostgreSQL parses, plans and answers each statement: 100 rows to one
 * (2,500 parameters) cost a quarter less a commit than 100 statements. SQLite's one prepared
 * single-row statement is faster than preparing statements of many rows (measured: docs/architecture.md#store).
 */
const rowsPerUpsert = { postgres: 100, sqlite: 1 } as const

/**
 * Upserts tx rows, `rowsPerUpsert` of them to a statement; statements are prepared once per row
 * count.
 */
function txUpserts(db: Db): (rows: readonly unknown[][]) => void {
  // The smaller and larger of two values: SQLite spells them MIN and MAX, PostgreSQL LEAST and GREATEST.
  const [least, greatest] = db.dialect === 'postgres' ? ['LEAST', 'GREATEST'] : ['MIN', 'MAX']
  const one = `(${txColumns.map(() => '?').join(', ')})`
  const prepared = new Map<number, Statement<unknown[]>>()
  const statement = (n: number) => {
    let stmt = prepared.get(n)
    if (!stmt) {
      stmt = db.prepare(`
        INSERT INTO txs (${txColumns.join(', ')})
        VALUES ${Array.from({ length: n }, () => one).join(', ')}
        ON CONFLICT (run_id, idx) DO UPDATE SET
          nonce = excluded.nonce, hash = excluded.hash, state = excluded.state, attempts = excluded.attempts,
          submitted_at = excluded.submitted_at,
          included_at = excluded.included_at, block_number = excluded.block_number, gas_used = excluded.gas_used,
          latency_ms = excluded.latency_ms, error_kind = excluded.error_kind, error_message = excluded.error_message,
          account = excluded.account, updated_at = excluded.updated_at, gas_limit = excluded.gas_limit,
          tx_type = excluded.tx_type, receipt_type = excluded.receipt_type, blob_gas_used = excluded.blob_gas_used,
          blob_gas_price = excluded.blob_gas_price, submit_rtt_ms = excluded.submit_rtt_ms,
          first_submitted_at = COALESCE(${least}(txs.first_submitted_at, excluded.first_submitted_at),
                                        txs.first_submitted_at, excluded.first_submitted_at),
          accepted_at = COALESCE(${greatest}(txs.accepted_at, excluded.accepted_at), txs.accepted_at, excluded.accepted_at)`)
      prepared.set(n, stmt)
    }
    return stmt
  }
  // Each tx once per commit (the writer keeps its latest event): no statement updates a row twice.
  const per = rowsPerUpsert[db.dialect]
  return (rows) => {
    if (per === 1) {
      const single = statement(1)
      for (const row of rows) single.run(...row)
      return
    }
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per)
      statement(chunk.length).run(...chunk.flat())
    }
  }
}
