import type { LabelCounts } from '../metrics/label-counts'
import type { TxCounts } from '../run-model/counts'
import type { ErrorGroup } from '../run-model/error-groups'
import type { BlockPoint, Marker, SeriesPoint, TxRow } from '../run-model/rows'
import type { RunStatus } from '../run-model/status'
import type { ThresholdVerdict } from '../thresholds/evaluate'

/**
 * The live stream of one run (GET /api/runs/:id/stream, Server-Sent Events). Plain JSON: bigints
 * are decimal strings or numbers, no secrets. Every frame but the parts of a reset carries `seq`
 * (the SSE id): a client that reconnects with Last-Event-ID gets exactly the frames after it, or
 * a fresh `reset` when those are no longer held.
 */

export type { BlockPoint, Marker, SeriesPoint, TxRow } from '../run-model/rows'

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
  /** When the engine began (preparing), and ended: one clock with the report (docs/metrics.md#timing). */
  startedAt: number | null
  endedAt: number | null
  /** Time paused by the user so far. */
  pausedMs: number
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
