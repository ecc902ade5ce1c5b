import type { Address, Hex } from 'viem'
import { type TxType, txTypes } from '../config/tx-type-schema'
import type { TxErrorKind } from '../errors/tx-error'
import type { LabelCounts } from '../metrics/label-counts'
import { newRunState, type RunSnapshot, reduceRun, snapshotOf } from '../run-model/model'
import type { BlockPoint } from '../run-model/rows'
import type { RunEvent, TxEvent } from '../testing/events'
import type { TxState } from '../testing/tx'
import type { Db } from './db'
import type { RunRow } from './runs-repo'
import type { StoredTxRow } from './tx-rows'

/** The row's latest state as the event that wrote it (run-writer.ts is the other way round). */
export function txEventOfRow(row: StoredTxRow): TxEvent {
  const opt = <T>(v: T | null) => (v === null ? undefined : v)
  return {
    type: 'tx',
    at: row.updated_at,
    idx: row.idx,
    state: row.state as TxState,
    prev: 'planned',
    role: row.role === 'gap-fill' ? 'gap-fill' : 'planned',
    label: row.label,
    from: row.account as Address,
    nonce: opt(row.nonce),
    hash: opt(row.hash) as Hex | undefined,
    gas: BigInt(row.gas_limit ?? 0),
    ...((txTypes as readonly string[]).includes(row.tx_type ?? '') && { txType: row.tx_type as TxType }),
    attempt: row.attempts,
    blockNumber: row.block_number === null ? undefined : BigInt(row.block_number),
    gasUsed: row.gas_used === null ? undefined : BigInt(row.gas_used),
    ...(row.receipt_type !== null && { receiptType: row.receipt_type }),
    ...(row.blob_gas_used !== null && {
      blobGasUsed: BigInt(row.blob_gas_used),
      blobGasPrice: BigInt(row.blob_gas_price ?? 0),
    }),
    submittedAt: opt(row.submitted_at),
    latencyMs: opt(row.latency_ms),
    submitRttMs: opt(row.submit_rtt_ms),
    error: row.error_kind ? { kind: row.error_kind as TxErrorKind, message: row.error_message ?? '' } : undefined,
  }
}

/**
 * One stored tx as the events the run model needs of it: signed, accepted (at its earliest send
 * and latest answer, when the node ever accepted it), then its latest state.
 */
function* txEvents(row: StoredTxRow): Generator<TxEvent> {
  const last = txEventOfRow(row)
  if (row.accepted_at === null) {
    yield last
    return
  }
  yield { ...last, at: row.accepted_at, state: 'signed', prev: 'planned', submittedAt: undefined, latencyMs: undefined }
  const sentAt = row.first_submitted_at ?? row.accepted_at
  yield { ...last, at: row.accepted_at, state: 'submitted', prev: 'signed', submittedAt: sentAt, latencyMs: undefined }
  yield { ...last, prev: 'submitted' }
}

type ErrorDbRow = {
  tx_idx: number | null
  at: number
  kind: TxErrorKind
  message: string
  raw: string | null
  account: string | null
  nonce: number | null
  attempt: number | null
  label: string | null
  will_retry: number
  hint: string | null
}

/**
 * A stored run's events for its model: status changes, warnings, replacements and blocks in the
 * order they came, every failed attempt, and each tx's row (docs/architecture.md#run-model).
 */
export function* storedEvents(db: Db, runId: string): Generator<RunEvent> {
  const events = db
    .prepare<[string], { at: number; type: string; data_json: string }>(
      `SELECT at, type, data_json FROM run_events WHERE run_id = ?
         AND type IN ('status', 'warning', 'replaced', 'block') ORDER BY id`,
    )
    .iterate(runId)
  for (const e of events) {
    const data = JSON.parse(e.data_json)
    if (e.type === 'block') {
      const b = data as BlockPoint
      yield {
        type: 'block',
        at: b.at,
        number: BigInt(b.number),
        timestamp: 0,
        gasUsed: BigInt(b.gasUsed),
        gasLimit: BigInt(b.gasLimit),
        txCount: b.txs,
        ours: b.ours,
      }
    } else yield data as RunEvent
  }
  const errors = db.prepare<[string], ErrorDbRow>('SELECT * FROM errors WHERE run_id = ? ORDER BY id').iterate(runId)
  for (const e of errors)
    yield {
      type: 'error',
      at: e.at,
      idx: e.tx_idx ?? undefined,
      from: (e.account ?? undefined) as Address | undefined,
      nonce: e.nonce ?? undefined,
      attempt: e.attempt ?? undefined,
      label: e.label ?? undefined,
      error: {
        kind: e.kind,
        message: e.message,
        ...(e.raw !== null && { raw: e.raw }),
        ...(e.hint !== null && { hint: e.hint }),
      },
      willRetry: e.will_retry === 1,
    }
  const txs = db.prepare<[string], StoredTxRow>('SELECT * FROM txs WHERE run_id = ? ORDER BY idx').iterate(runId)
  for (const row of txs) yield* txEvents(row)
}

/** A stored run's numbers, rebuilt from its events: what the live model said at its end. */
export function replayRun(
  db: Db,
  run: Pick<RunRow, 'id' | 'planned' | 'ended_at'>,
  now = Date.now(),
): { snapshot: RunSnapshot; byLabel: LabelCounts[] } {
  const state = newRunState(run.planned)
  for (const e of storedEvents(db, run.id)) reduceRun(state, e)
  return { snapshot: snapshotOf(state, state.timing.endedAt ?? run.ended_at ?? now), byLabel: state.labels.snapshot() }
}
