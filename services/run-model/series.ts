import type { TxErrorKind } from '../errors/tx-error'
import { createPercentiles, type PercentileRecorder } from '../metrics/percentiles'
import type { RunEvent, TxEvent } from '../testing/events'
import { isIncluded, isTerminal, type TxState } from '../testing/tx'
import type { SeriesPoint } from './rows'

type Bucket = {
  sent: number
  mined: number
  reverted: number
  failed: number
  latencies: PercentileRecorder
  errors: Partial<Record<TxErrorKind, number>>
}

const second = 1000
const reachedNode: ReadonlySet<TxState> = new Set(['submitted', 'mined', 'reverted', 'dropped', 'unconfirmed'])

/** A run's per-second series points (createSeries). */
export type Series = {
  /** Counts one event of the run in its second. */
  onEvent(e: RunEvent): void
  /** Closes every whole second before `now` (all of them with `final`) and returns the new points. */
  close(now: number, final?: boolean): SeriesPoint[]
  /** Every point closed so far, oldest first. */
  points(): readonly SeriesPoint[]
}

/**
 * Cuts the run's events into one point per second: what reached the node, what was included or
 * ended badly, inclusion latency percentiles and failed attempts by error group. Seconds with
 * nothing in them are points of zeros, so a stall shows as a gap in the line, not a jump.
 */
export function createSeries(): Series {
  const buckets = new Map<number, Bucket>()
  /**
   * Open planned txs that have reached the node (counted as sent once, whatever follows: a re-sign
   * takes one back to `signed`). A tx leaves it when it ends, so it holds what is in flight only;
   * after that, the state an event leaves says whether it had reached the node.
   */
  const reached = new Set<number>()
  const points: SeriesPoint[] = []
  /** The first second not yet closed (null until the first event). */
  let open: number | null = null

  const bucketAt = (at: number): Bucket => {
    // Events are stamped when emitted; one that lands in a closed second counts in the open one.
    const t = Math.max(Math.floor(at / second) * second, open ?? 0)
    open ??= t
    let b = buckets.get(t)
    if (!b) {
      b = { sent: 0, mined: 0, reverted: 0, failed: 0, latencies: createPercentiles(), errors: {} }
      buckets.set(t, b)
    }
    return b
  }

  function onTx(e: TxEvent) {
    if (e.role !== 'planned') return
    if (reachedNode.has(e.state) && !reachedNode.has(e.prev) && !reached.has(e.idx)) bucketAt(e.at).sent++
    if (isTerminal(e.state)) reached.delete(e.idx)
    else if (reachedNode.has(e.state)) reached.add(e.idx)
    if (isIncluded(e.state)) {
      const b = bucketAt(e.at)
      if (e.state === 'mined') b.mined++
      else b.reverted++
      if (e.latencyMs !== undefined) b.latencies.record(e.latencyMs)
    } else if (e.state === 'failed' || e.state === 'dropped' || e.state === 'unconfirmed') bucketAt(e.at).failed++
  }

  return {
    onEvent(e: RunEvent) {
      if (e.type === 'tx') onTx(e)
      else if (e.type === 'error') {
        const b = bucketAt(e.at)
        b.errors[e.error.kind] = (b.errors[e.error.kind] ?? 0) + 1
      }
    },
    close(now: number, final = false): SeriesPoint[] {
      if (open === null) return []
      const until = final ? Math.max(...buckets.keys(), open) + second : Math.floor(now / second) * second
      const fresh: SeriesPoint[] = []
      for (; open < until; open += second) {
        const b = buckets.get(open)
        buckets.delete(open)
        const p = b?.latencies.percentiles() ?? { p50: null, p95: null, p99: null }
        fresh.push({
          t: open,
          sent: b?.sent ?? 0,
          mined: b?.mined ?? 0,
          reverted: b?.reverted ?? 0,
          failed: b?.failed ?? 0,
          p50: p.p50,
          p95: p.p95,
          p99: p.p99,
          errors: b?.errors ?? {},
        })
      }
      points.push(...fresh)
      return fresh
    },
    points(): readonly SeriesPoint[] {
      return points
    },
  }
}
