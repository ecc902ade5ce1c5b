import type uPlot from 'uplot'
import type { SeriesPoint } from '@/services/live/frames'

/**
 * Two runs on one chart: each run's points placed at seconds since its own first point, so the
 * runs line up by elapsed time whatever the clock said. x is the union of both runs' seconds; a
 * run has null where it has no point (it had ended, or had not reached that second).
 */
export function overlayData(
  base: readonly SeriesPoint[],
  run: readonly SeriesPoint[],
  value: (p: SeriesPoint) => number | null,
): uPlot.AlignedData {
  const byElapsed = (series: readonly SeriesPoint[]) => {
    const start = series[0]?.t ?? 0
    return new Map(series.map((p) => [Math.round((p.t - start) / 1000), value(p)]))
  }
  const b = byElapsed(base)
  const r = byElapsed(run)
  const xs = [...new Set([...b.keys(), ...r.keys()])].sort((x, y) => x - y)
  return [xs, xs.map((x) => b.get(x) ?? null), xs.map((x) => r.get(x) ?? null)]
}

/** Mined (successful) txs in each second: tx/s. */
export const minedPerSecond = (p: SeriesPoint) => p.mined

/** Inclusion latency p95 of the txs included in each second; null where none was. */
export const latencyP95 = (p: SeriesPoint) => p.p95
