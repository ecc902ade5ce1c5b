import type { RunEvent, TxEvent } from '../testing/events'
import type { Db } from './db'

export type RunWriterOptions = { flushEveryMs?: number; maxBuffered?: number }

/**
 * Writes one run's events to SQLite in batched transactions: per-tx rows keep only the latest
 * state (an upsert per change would be most of the cost), errors and notable events are
 * appended. `flush()` returns once everything buffered is committed.
 */
export function createRunWriter(db: Db, runId: string, options: RunWriterOptions = {}) {
  const pendingTx = new Map<number, TxEvent>()
  const pendingErrors: Extract<RunEvent, { type: 'error' }>[] = []
  const pendingEvents: { at: number; type: string; data: unknown }[] = []
  const upsertTx = db.prepare(`
    INSERT INTO txs (run_id, idx, role, label, account, nonce, hash, state, attempts, submitted_at,
                     included_at, block_number, gas_used, latency_ms, error_kind, error_message, updated_at)
    VALUES (@run_id, @idx, @role, @label, @account, @nonce, @hash, @state, @attempts, @submitted_at,
            @included_at, @block_number, @gas_used, @latency_ms, @error_kind, @error_message, @updated_at)
    ON CONFLICT (run_id, idx) DO UPDATE SET
      nonce = excluded.nonce, hash = excluded.hash, state = excluded.state, attempts = excluded.attempts,
      submitted_at = excluded.submitted_at,
      included_at = excluded.included_at, block_number = excluded.block_number, gas_used = excluded.gas_used,
      latency_ms = excluded.latency_ms, error_kind = excluded.error_kind, error_message = excluded.error_message,
      account = excluded.account, updated_at = excluded.updated_at`)
  const insertError = db.prepare(`
    INSERT INTO errors (run_id, tx_idx, at, kind, message, raw, account, nonce, attempt, label, will_retry)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertEvent = db.prepare('INSERT INTO run_events (run_id, at, type, data_json) VALUES (?, ?, ?, ?)')

  const commit = db.transaction(() => {
    for (const e of pendingTx.values())
      upsertTx.run({
        run_id: runId,
        idx: e.idx,
        role: e.role,
        label: e.label,
        account: e.from,
        nonce: e.nonce ?? null,
        hash: e.hash ?? null,
        state: e.state,
        attempts: e.attempt,
        submitted_at: e.submittedAt ?? null,
        included_at: e.state === 'mined' || e.state === 'reverted' ? e.at : null,
        block_number: e.blockNumber === undefined ? null : Number(e.blockNumber),
        gas_used: e.gasUsed?.toString() ?? null,
        latency_ms: e.latencyMs ?? null,
        error_kind: e.error?.kind ?? null,
        error_message: e.error?.message ?? null,
        updated_at: e.at,
      })
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
        pendingTx.set(e.idx, e)
      } else if (e.type === 'error') pendingErrors.push(e)
      else if (e.type === 'status' || e.type === 'warning' || e.type === 'log')
        pendingEvents.push({ at: e.at, type: e.type, data: e })
      if (pendingTx.size + pendingErrors.length >= maxBuffered) flush()
    },
    /** Something else worth keeping with the run (the live view's series points, blocks, markers). */
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

export type RunWriter = ReturnType<typeof createRunWriter>
