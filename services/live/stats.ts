import type { LabelCounts } from '../metrics/label-counts'
import { successPct, terminalTotal } from '../run-model/counts'
import type { RunSnapshot } from '../run-model/model'
import { roundTo } from '../run-model/model'
import { terminalStatuses } from '../run-model/status'
import type { ThresholdVerdict } from '../thresholds/evaluate'
import type { BlockPoint, LiveStats, SeriesPoint } from './frames'

/** How many of the latest seconds the "recent" rates and the ETA average over. */
const recentSeconds = 5

export type StatsInput = Pick<
  RunSnapshot,
  'status' | 'counts' | 'throughput' | 'latencyMs' | 'startedAt' | 'endedAt' | 'pausedMs'
> & {
  mining: string | null
  now: number
  series: readonly SeriesPoint[]
  lastBlock: BlockPoint | null
  thresholds?: ThresholdVerdict[]
  byLabel?: LabelCounts[]
}

/** The run's numbers for the page, from the run model while live, or its replay afterwards. */
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
    pausedMs: s.pausedMs,
    now: s.now,
    etaSec: !finished && ended > 0 && remaining > 0 ? Math.round(remaining / ended) : null,
    throughput: s.throughput,
    recent: {
      sentPerSec: roundTo(sum((p) => p.sent) / n),
      minedPerSec: roundTo(sum((p) => p.mined + p.reverted) / n),
    },
    latencyMs: s.latencyMs,
    successPct: successPct(c),
    lastBlock: s.lastBlock,
    ...(s.thresholds ? { thresholds: s.thresholds } : {}),
    ...(s.byLabel ? { byLabel: s.byLabel } : {}),
  }
}
