import type { Address, Hex } from 'viem'
import type { TxType } from '../config/tx-type-schema'
import type { TxErrorKind } from '../errors/tx-error'
import type { RunEvent, TxEvent } from '../testing/events'
import type { TxState } from '../testing/tx'
import { isIncluded } from '../testing/tx'
import { includedAtOf } from './model'

/**
 * The rows a run is drawn and stored as: the tx log's row, a second of the series, a block, a
 * marker. The live stream, the API and the store share them (they import this, not each other).
 */

/** The latest state of one planned (or gap-fill) transaction: one row of the tx log. */
export type TxRow = {
  idx: number
  role: 'planned' | 'gap-fill'
  label: string
  account: Address
  nonce: number | null
  hash: Hex | null
  state: TxState
  attempts: number
  submittedAt: number | null
  includedAt: number | null
  block: number | null
  gasUsed: number | null
  /** Its planned EIP-2718 type; null = the default (docs/config.md#tx-types). */
  txType: TxType | null
  latencyMs: number | null
  errorKind: TxErrorKind | null
  error: string | null
  updatedAt: number
}

/** One second of the run (t = start of the second, ms since epoch). */
export type SeriesPoint = {
  t: number
  /** Txs that reached the node in this second. */
  sent: number
  /** Txs included with success / reverted in this second. */
  mined: number
  reverted: number
  /** Txs that ended failed or dropped in this second. */
  failed: number
  /** Inclusion latency of the txs included in this second. */
  p50: number | null
  p95: number | null
  p99: number | null
  /** Failed attempts in this second by error group (kind), retried ones included. */
  errors: Partial<Record<TxErrorKind, number>>
}

/** A block seen while the run followed the chain. */
export type BlockPoint = { number: number; at: number; gasUsed: number; gasLimit: number; txs: number; ours: number }

/** Something that happened at a moment: drawn as a vertical line on the charts. */
export type Marker = { at: number; kind: 'status' | 'stage' | 'warning'; label: string }

/** A tx event carries the tx's whole latest state: the row is that state, JSON-ready. */
export function txRowFromEvent(e: TxEvent): TxRow {
  const included = isIncluded(e.state)
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
    // Its send plus its latency: a later annotation of the row does not move it.
    includedAt: included ? includedAtOf(e) : null,
    block: e.blockNumber === undefined ? null : Number(e.blockNumber),
    gasUsed: e.gasUsed === undefined ? null : Number(e.gasUsed),
    txType: e.txType ?? null,
    latencyMs: e.latencyMs ?? null,
    errorKind: e.error?.kind ?? null,
    error: e.error?.message ?? null,
    updatedAt: e.at,
  }
}

/** A block event as the charts draw and the store keeps it (numbers, not bigints). */
export function blockPointOf(e: Extract<RunEvent, { type: 'block' }>): BlockPoint {
  return {
    number: Number(e.number),
    at: e.at,
    gasUsed: Number(e.gasUsed),
    gasLimit: Number(e.gasLimit),
    txs: e.txCount,
    ours: e.ours,
  }
}
