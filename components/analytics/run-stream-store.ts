import type {
  AccountRow,
  BlockPoint,
  ErrorGroupRow,
  LiveFrame,
  LiveStats,
  Marker,
  ResetDone,
  ResetFrame,
  ResetTxsPart,
  SeriesPoint,
  TxRow,
} from '@/services/live/frames'
import type { TxCounts } from '@/services/run-model/counts'
import { mergeByKey, mergeMarkers } from './merge-points'
import { TxRowTable } from './tx-row-table'

/** Everything that can arrive on the wire (the SSE `data:` JSON). */
export type WireFrame = LiveFrame | ResetTxsPart | ResetDone

export type StreamConnection = 'connecting' | 'live' | 'reconnecting' | 'ended'

/** Exposed on window.__evmStressStream for tests and the bench. */
export type StreamMetrics = {
  lastSeq: number
  framesApplied: number
  duplicatesIgnored: number
  resets: number
  /** Server send → browser apply of the last txs/stats frame (one machine, one clock). */
  lastFrameLagMs: number | null
  /** Engine event → rendered on the page, per render that showed new tx rows (the last 10,000). */
  lags: number[]
}

/** What the page draws: a fresh object per render, arrays replaced when they change (rows excepted). */
export type RunStreamView = {
  /** Sorted by idx. Mutated in place: watch `rowsVersion`, not the array's identity. */
  rows: readonly TxRow[]
  rowsVersion: number
  /** Txs of the run that are in the store but not in `rows` (older than the window held here). */
  notHeld: number
  stats: LiveStats | null
  /** The newest counts: every txs frame carries them, so they move with each batch. */
  counts: TxCounts | null
  series: readonly SeriesPoint[]
  blocks: readonly BlockPoint[]
  markers: readonly Marker[]
  accounts: readonly AccountRow[]
  errors: readonly ErrorGroupRow[]
  lastSeq: number
  connection: StreamConnection
}

export const maxBlocks = 2_000
/** Two hours of one point a second; older points leave the charts. */
export const maxSeriesPoints = 7_200

/** A reset being received: it replaces the live state only once complete (reset-done). */
type Draft = { frame: ResetFrame; table: TxRowTable }

/**
 * The state of one run's live stream, fed frame by frame. Framework-free: the hook decides when
 * React looks at it. `apply` returns whether anything visible changed.
 */
export class RunStreamStore {
  private table = new TxRowTable()
  private rowsVersion = 0
  /** Rows the last reset left in the store (a live run's reset carries its recent window). */
  private storedOnly = 0
  private stats: LiveStats | null = null
  private counts: TxCounts | null = null
  private series: SeriesPoint[] = []
  private blocks: BlockPoint[] = []
  private markers: Marker[] = []
  private accounts: AccountRow[] = []
  private errors: ErrorGroupRow[] = []
  private draft: Draft | null = null
  connection: StreamConnection = 'connecting'
  readonly metrics: StreamMetrics = {
    lastSeq: -1,
    framesApplied: 0,
    duplicatesIgnored: 0,
    resets: 0,
    lastFrameLagMs: null,
    lags: [],
  }

  get lastSeq(): number {
    return this.metrics.lastSeq
  }

  apply(frame: WireFrame, now = Date.now()): boolean {
    switch (frame.kind) {
      case 'reset':
        this.draft = { frame, table: new TxRowTable() }
        return false
      case 'reset-txs':
        this.draft?.table.upsert(frame.rows)
        return false
      case 'reset-done':
        return this.swapInReset(frame.seq)
    }
    // After a reconnect the server may repeat what we already hold.
    if (frame.seq <= this.metrics.lastSeq) {
      this.metrics.duplicatesIgnored++
      return false
    }
    this.metrics.lastSeq = frame.seq
    this.metrics.framesApplied++
    if (frame.kind === 'txs') {
      this.table.upsert(frame.rows)
      if (frame.rows.length) this.rowsVersion++
      this.counts = frame.counts
      this.metrics.lastFrameLagMs = now - frame.sentAt
    } else if (frame.kind === 'stats') {
      this.takeStats(frame.stats)
      this.series = mergeByKey(this.series, frame.series, (p) => p.t, maxSeriesPoints)
      this.blocks = mergeByKey(this.blocks, frame.blocks, (b) => b.number, maxBlocks)
      this.markers = mergeMarkers(this.markers, frame.markers)
      if (frame.accounts) this.accounts = frame.accounts
      if (frame.errors) this.errors = frame.errors
      this.metrics.lastFrameLagMs = now - frame.sentAt
    } else {
      this.takeStats(frame.stats)
      this.connection = 'ended'
    }
    return true
  }

  /** The connection state as the EventSource reports it; 'ended' is final. */
  setConnection(next: Exclude<StreamConnection, 'ended'>): boolean {
    if (this.connection === 'ended' || this.connection === next) return false
    this.connection = next
    return true
  }

  /** The stream is over without an end frame (the run was already finished and the server closed). */
  end(): boolean {
    if (this.connection === 'ended') return false
    this.connection = 'ended'
    return true
  }

  /** A connection dropped in the middle of a reset: its parts are incomplete, the server sends a new one. */
  abortReset(): void {
    this.draft = null
  }

  view(): RunStreamView {
    return {
      rows: this.table.rows,
      rowsVersion: this.rowsVersion,
      notHeld: this.storedOnly + this.table.released,
      stats: this.stats,
      counts: this.counts,
      series: this.series,
      blocks: this.blocks,
      markers: this.markers,
      accounts: this.accounts,
      errors: this.errors,
      lastSeq: this.metrics.lastSeq,
      connection: this.connection,
    }
  }

  private takeStats(stats: LiveStats): void {
    this.stats = stats
    this.counts = stats.counts
  }

  private swapInReset(seq: number): boolean {
    const draft = this.draft
    if (!draft) return false
    this.draft = null
    const { frame } = draft
    this.table = draft.table
    this.storedOnly = Math.max(0, (frame.txTotal ?? frame.txCount) - frame.txCount)
    this.rowsVersion++
    this.takeStats(frame.stats)
    this.series = mergeByKey([], frame.series, (p) => p.t, maxSeriesPoints)
    this.blocks = mergeByKey([], frame.blocks, (b) => b.number, maxBlocks)
    this.markers = mergeMarkers([], frame.markers)
    this.accounts = frame.accounts
    this.errors = frame.errors
    // A reset is the truth from here on, even with a lower seq (the server restarted).
    this.metrics.lastSeq = seq
    this.metrics.resets++
    this.metrics.framesApplied++
    return true
  }
}
