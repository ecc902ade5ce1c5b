import type { TxType } from '../config/tx-type-schema'
import type { TxErrorKind } from '../errors/tx-error'
import type { ErrorGroup } from '../metrics/aggregator'
import type { LabelCounts } from '../metrics/label-counts'
import type { RunStatus } from '../testing/events'
import type { TxCounts } from '../testing/ledger'
import type { TxState } from '../testing/tx'
import type { ThresholdVerdict } from '../thresholds/evaluate'

/**
 * The live stream of one run (GET /api/runs/:id/stream, Server-Sent Events). Plain JSON: bigints
 * are decimal strings or numbers, no secrets. Every frame but the parts of a reset carries `seq`
 * (the SSE id): a client that reconnects with Last-Event-ID gets exactly the frames after it, or
 * a fresh `reset` when those are no longer held.
 */

/** The latest state of one planned (or gap-fill) transaction: one row of the tx log. */
export type TxRow = {
  idx: number
  role: 'planned' | 'gap-fill'
  label: string
  account: string
  nonce: number | null
  hash: string | null
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

export type AccountRow = {
  address: string
  balanceWei: string
  localNonce: number
  onChainNonce: number
  inFlight: number
  low: boolean
  lastError: string | null
}

/** Failed attempts grouped by error class and function (as the aggregator keeps them). */
export type ErrorGroupRow = ErrorGroup

export type Percentiles = { p50: number | null; p95: number | null; p99: number | null }

/** The run's numbers now. */
export type LiveStats = {
  status: RunStatus
  mining: string | null
  counts: TxCounts
  startedAt: number | null
  endedAt: number | null
  /** Server clock when these numbers were taken (elapsed and ETA are computed against it). */
  now: number
  /** Seconds to the end at the recent pace; null when unknown or finished. */
  etaSec: number | null
  throughput: { sentPerSec: number; minedPerSec: number }
  /** Over the last few seconds, not the whole run. */
  recent: { sentPerSec: number; minedPerSec: number }
  latencyMs: Percentiles
  /** Included with success / everything that ended (reverted, failed and dropped are not). */
  successPct: number | null
  lastBlock: BlockPoint | null
  /** The config's thresholds against these numbers (absent when it has none): the page's badges. */
  thresholds?: ThresholdVerdict[]
  /** The planned txs by label (call row, function), counts only: the page's per-call counters. */
  byLabel?: LabelCounts[]
}

/** Everything the page needs to draw the run from nothing (txs follow in `txs` parts). */
export type ResetFrame = {
  kind: 'reset'
  seq: number
  stats: LiveStats
  series: SeriesPoint[]
  blocks: BlockPoint[]
  markers: Marker[]
  accounts: AccountRow[]
  errors: ErrorGroupRow[]
  /** How many tx rows the reset's `txs` parts carry in all. */
  txCount: number
  /**
   * Txs of the run so far (its stored rows). A live run's reset carries the open txs and the newest
   * ended ones; the rest are paged from GET /api/runs/:id/txs. Absent = the rows are all of them.
   */
  txTotal?: number
}

export type TxsFrame = { kind: 'txs'; seq: number; rows: TxRow[]; counts: TxCounts; sentAt: number }

export type StatsFrame = {
  kind: 'stats'
  seq: number
  stats: LiveStats
  /** Series points completed since the last stats frame. */
  series: SeriesPoint[]
  blocks: BlockPoint[]
  markers: Marker[]
  /** Present when they changed. */
  accounts?: AccountRow[]
  errors?: ErrorGroupRow[]
  sentAt: number
}

/** The run reached a terminal status: the stream closes after this. */
export type EndFrame = { kind: 'end'; seq: number; stats: LiveStats }

export type LiveFrame = ResetFrame | TxsFrame | StatsFrame | EndFrame

/**
 * On the wire (SSE `event:` names): `reset` then `reset-txs` parts (no id) then `reset-done`
 * (id = the reset's seq); after that `txs`, `stats` and `end`, each with its id.
 */
export type ResetTxsPart = { kind: 'reset-txs'; rows: TxRow[] }
export type ResetDone = { kind: 'reset-done'; seq: number }
