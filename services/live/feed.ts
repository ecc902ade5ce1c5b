import type { AccountState } from '../accounts/balance-monitor'
import type { RunModel, RunSnapshot } from '../run-model/model'
import { blockPointOf, txRowFromEvent } from '../run-model/rows'
import { createSeries } from '../run-model/series'
import type { RunEvent } from '../testing/events'
import { isTerminal } from '../testing/tx'
import type { ThresholdVerdict } from '../thresholds/evaluate'
import type {
  AccountRow,
  BlockPoint,
  EndFrame,
  ErrorGroupRow,
  LiveFrame,
  LiveStats,
  Marker,
  ResetFrame,
  StatsFrame,
  TxRow,
  TxsFrame,
} from './frames'
import { markerOf } from './markers'
import { liveStats } from './stats'

export type LiveFeedOptions = {
  model: RunModel
  mining: string
  /** Stores what a reload after the run needs (series points, markers). */
  persist: (type: 'series' | 'marker', at: number, data: unknown) => void
  /** The latest verdicts of the run's thresholds (checked on the model's tick); undefined = none. */
  thresholds?: () => ThresholdVerdict[] | undefined
  txEveryMs?: number
  statsEveryMs?: number
  /** Frames kept for reconnecting clients; older ones mean a reset. */
  keepFrames?: number
  keepRows?: number
  /** Ended txs' rows held for a reset (the open ones are always held); older ones are paged from the store. */
  keepEndedRows?: number
}

export type LiveSubscriber = (frame: LiveFrame) => void

const maxBlocks = 2_000
/** Rows of ended txs a reset carries: the page's recent window (docs/architecture.md#memory). */
export const liveEndedRows = 10_000
/** Rows the frames kept for reconnecting clients hold in all; a client further behind gets a reset. */
export const liveFrameRows = 50_000
/** A follower that left this recently may reconnect with Last-Event-ID: frames are kept for it. */
const keepForReconnectMs = 60_000

/** One run's live stream, an output of the run (createLiveFeed). */
export type LiveFeed = {
  /** The feed is one of the run's outputs (run-outputs.ts): the session gives it every event. */
  onEvent: (e: RunEvent) => void
  /** Sends every new frame to `s`; the function returned unsubscribes it. */
  subscribe(s: LiveSubscriber): () => void
  /** Everything after `afterSeq`, or null when some of it is no longer held (send a reset). */
  since(afterSeq: number): LiveFrame[] | null
  /** The run so far, as of the latest frame: its numbers, and the rows of its recent window. */
  reset(): { frame: ResetFrame; rows: TxRow[] }
  /** The end frame once the run is over; null until then. */
  readonly ended: EndFrame | null
  /** The run is over: last rows and numbers, then `end`; the stream closes after it. */
  finish(): void
}

/**
 * One run's live stream: coalesces the engine's events into numbered frames — tx rows in small
 * batches (latest state per tx), numbers and a series point about once a second — and keeps the
 * recent frames so a client that reconnects gets exactly what it missed.
 */
export function createLiveFeed(o: LiveFeedOptions): LiveFeed {
  // The rows a reset carries: every open tx's, and the newest ended ones (oldest first, so the
  // first is the one to let go). Every row is in the store: the tx log pages older ones from it.
  const openRows = new Map<number, TxRow>()
  const endedRows = new Map<number, TxRow>()
  const keepEnded = o.keepEndedRows ?? liveEndedRows
  /** Txs seen so far (first events), planned and gap fills: the store's row count. */
  let txTotal = 0
  const dirty = new Map<number, TxRow>()
  const series = createSeries()
  const blocks: BlockPoint[] = []
  let fresh: { blocks: BlockPoint[]; markers: Marker[]; accounts?: AccountRow[] } = { blocks: [], markers: [] }
  const markers: Marker[] = []
  let accounts: AccountRow[] = []
  let errorCount = -1
  const mining = o.mining
  let seq = 0
  const ring: { frame: LiveFrame; rows: number }[] = []
  let ringRows = 0
  const subscribers = new Set<LiveSubscriber>()
  /** When the last follower left (-∞: nobody has followed yet). */
  let lastFollowedAt = Number.NEGATIVE_INFINITY
  let ended: EndFrame | null = null

  const publish = (frame: LiveFrame, rowCount = 0) => {
    // Nobody follows the run and nobody left recently enough to reconnect (the CLI, a page closed
    // long ago): frames are not kept. The ring is emptied, never holed, so a later Last-Event-ID
    // before it gets a reset.
    if (!subscribers.size && Date.now() - lastFollowedAt > keepForReconnectMs) {
      ring.length = 0
      ringRows = 0
      return
    }
    ring.push({ frame, rows: rowCount })
    ringRows += rowCount
    while (ring.length > (o.keepFrames ?? 3_000) || ringRows > (o.keepRows ?? liveFrameRows))
      ringRows -= ring.shift()?.rows ?? 0
    for (const s of subscribers) s(frame)
  }

  const onEvent = (e: RunEvent) => {
    if (ended) return
    series.onEvent(e)
    if (e.type === 'tx') {
      const row = txRowFromEvent(e)
      if (e.prev === 'planned') txTotal++
      if (isTerminal(e.state)) {
        openRows.delete(e.idx)
        endedRows.delete(e.idx)
        endedRows.set(e.idx, row)
        if (endedRows.size > keepEnded) endedRows.delete(endedRows.keys().next().value as number)
      } else {
        endedRows.delete(e.idx)
        openRows.set(e.idx, row)
      }
      dirty.set(e.idx, row)
      return
    }
    if (e.type === 'block') {
      // The store keeps every block (run-writer.ts); the feed only the recent ones.
      const b = blockPointOf(e)
      blocks.push(b)
      if (blocks.length > maxBlocks) blocks.shift()
      fresh.blocks.push(b)
      return
    }
    if (e.type === 'accounts') {
      accounts = e.accounts.map(accountRow)
      fresh.accounts = accounts
      return
    }
    const m = markerOf(e, markers.at(-1))
    if (m) {
      markers.push(m)
      fresh.markers.push(m)
      o.persist('marker', m.at, m)
    }
  }

  /** The numbers of the latest stats frame: resets and the end reuse them (one snapshot a second). */
  let last: { stats: LiveStats; errors: ErrorGroupRow[] } | null = null

  const stats = (now: number, snap: RunSnapshot) =>
    liveStats({
      ...snap,
      mining,
      now,
      series: series.points(),
      lastBlock: blocks.at(-1) ?? null,
      thresholds: o.thresholds?.(),
      byLabel: o.model.byLabel(),
    })

  /** As of now: the latest stats with the counts of the latest tx batch. */
  const current = () => {
    if (last)
      return { stats: { ...last.stats, counts: o.model.counts(), byLabel: o.model.byLabel() }, errors: last.errors }
    const snap = o.model.snapshot()
    return { stats: stats(Date.now(), snap), errors: snap.errors }
  }

  function flushTxs() {
    if (!dirty.size) return
    const batch = [...dirty.values()]
    dirty.clear()
    const frame: TxsFrame = { kind: 'txs', seq: ++seq, rows: batch, counts: o.model.counts(), sentAt: Date.now() }
    publish(frame, batch.length)
  }

  function flushStats(final = false) {
    flushTxs()
    const now = Date.now()
    const points = series.close(now, final)
    for (const p of points) o.persist('series', p.t, p)
    const snap = o.model.snapshot(now)
    const errors = snap.errors.reduce((n, g) => n + g.count, 0)
    last = { stats: stats(now, snap), errors: snap.errors }
    const frame: StatsFrame = {
      kind: 'stats',
      seq: ++seq,
      stats: last.stats,
      series: points,
      ...fresh,
      ...(errors !== errorCount ? { errors: snap.errors } : {}),
      sentAt: now,
    }
    errorCount = errors
    fresh = { blocks: [], markers: [] }
    publish(frame)
  }

  const txTimer = setInterval(flushTxs, o.txEveryMs ?? 100)
  const statsTimer = setInterval(() => flushStats(), o.statsEveryMs ?? 1_000)
  txTimer.unref()
  statsTimer.unref()

  return {
    onEvent,
    subscribe(s: LiveSubscriber): () => void {
      subscribers.add(s)
      return () => {
        subscribers.delete(s)
        lastFollowedAt = Date.now()
      }
    },
    since(afterSeq: number): LiveFrame[] | null {
      if (afterSeq > seq) return null
      const first = ring[0]?.frame.seq ?? seq + 1
      if (afterSeq < first - 1) return null
      return ring.filter((f) => f.frame.seq > afterSeq).map((f) => f.frame)
    },
    reset(): { frame: ResetFrame; rows: TxRow[] } {
      const sorted = [...openRows.values(), ...endedRows.values()].sort((a, b) => a.idx - b.idx)
      const now = current()
      return {
        frame: {
          kind: 'reset',
          seq,
          stats: now.stats,
          series: [...series.points()],
          blocks: [...blocks],
          markers: [...markers],
          accounts,
          errors: now.errors,
          txCount: sorted.length,
          txTotal,
        },
        rows: sorted,
      }
    },
    get ended() {
      return ended
    },
    finish() {
      if (ended) return
      clearInterval(txTimer)
      clearInterval(statsTimer)
      flushStats(true)
      ended = { kind: 'end', seq: ++seq, stats: current().stats }
      publish(ended)
      subscribers.clear()
    },
  }
}

function accountRow(a: AccountState): AccountRow {
  return { ...a, balanceWei: a.balanceWei.toString() }
}
