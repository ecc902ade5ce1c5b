import type { MetricsSnapshot } from '../metrics/aggregator'
import type { LabelCounts } from '../metrics/label-counts'
import { terminalStatuses } from '../testing/events'
import { settledTotal, successPctOf, terminalTotal } from '../testing/ledger'
import type { ThresholdVerdict } from '../thresholds/evaluate'
import type { BlockPoint, LiveStats, SeriesPoint } from './frames'

/** How many of the latest seconds the "recent" rates and the ETA average over. */
const recentSeconds = 5

export type StatsInput = Pick<MetricsSnapshot, 'status' | 'counts' | 'throughput' | 'latencyMs'> & {
  mining: string | null
  startedAt: number | null
  endedAt: number | null
  now: number
  series: readonly SeriesPoint[]
  lastBlock: BlockPoint | null
  thresholds?: ThresholdVerdict[]
  byLabel?: LabelCounts[]
}

/** The run's numbers for the page, from the aggregator while live or the report afterwards. */
export function liveStats(s: StatsInput): LiveStats {
  const c = s.counts
  const recent = s.series.slice(-recentSeconds)
  const n = Math.max(recent.length, 1)
  const sum = (f: (p: SeriesPoint) => number) => recent.reduce((acc, p) => acc + f(p), 0)
  const ended = sum((p) => p.mined + p.reverted + p.failed) / n
  const finished = terminalStatuses.has(s.status)
  const remaining = c.planned - terminalTotal(c)
  return {
    status: s.status,
    mining: s.mining,
    counts: { ...c },
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    now: s.now,
    etaSec: !finished && ended > 0 && remaining > 0 ? Math.round(remaining / ended) : null,
    throughput: s.throughput,
    recent: { sentPerSec: round(sum((p) => p.sent) / n), minedPerSec: round(sum((p) => p.mined + p.reverted) / n) },
    latencyMs: s.latencyMs,
    successPct: settledTotal(c) ? round(successPctOf(c) ?? 0) : null,
    lastBlock: s.lastBlock,
    ...(s.thresholds ? { thresholds: s.thresholds } : {}),
    ...(s.byLabel ? { byLabel: s.byLabel } : {}),
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}
