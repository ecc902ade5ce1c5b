import { build, type Histogram } from 'hdr-histogram-js'

export type Percentiles = { p50: number | null; p95: number | null; p99: number | null }

/**
 * Values kept as they are before a recorder moves to its histogram: up to here a percentile is
 * the exact nearest-rank value (small runs, one second of a series, most groups); past it memory
 * stays this size whatever the run's length (docs/metrics.md#percentiles).
 */
export const exactUpTo = 4_096
/** The histogram's resolution: values within 0.1 % (3 significant digits) of the recorded ones. */
export const significantDigits = 3

/** The one percentile rule: nearest rank, the ⌈p/100 × n⌉-th smallest value (1-based). */
export function nearestRank(p: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil((p / 100) * n)))
}

/** A recorder of numbers and their nearest-rank percentiles (createPercentiles). */
export type PercentileRecorder = {
  /** Records one value. */
  record: (v: number) => void
  /** The nearest-rank `p`-th percentile of the values recorded so far; null when there are none. */
  at: (p: number) => number | null
  /** Values recorded so far. */
  readonly count: number
  /** p50, p95 and p99 of the values recorded so far; nulls when there are none. */
  percentiles(): Percentiles
}

/**
 * Records numbers (latencies, round trips, gas) and answers nearest-rank percentiles in bounded
 * memory: exact while it holds at most `exactUpTo` values, then from an HDR histogram
 * (hdr-histogram-js, 3 significant digits), whose answer is within 0.1 % of the exact value and
 * never outside the recorded min and max. Negative values (a clock that stepped back) count as 0
 * in the histogram.
 */
export function createPercentiles(options: { exactUpTo?: number } = {}): PercentileRecorder {
  const limit = options.exactUpTo ?? exactUpTo
  let exact: number[] | null = []
  let hist: Histogram | null = null
  let count = 0
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY

  const toHistogram = (v: number) => hist?.recordValue(Math.max(0, Math.round(v)))

  function record(v: number) {
    count++
    if (v < min) min = v
    if (v > max) max = v
    if (exact && exact.length < limit) {
      exact.push(v)
      return
    }
    if (!hist) {
      hist = build({ numberOfSignificantValueDigits: significantDigits, bitBucketSize: 32, autoResize: true })
      for (const x of exact ?? []) toHistogram(x)
      exact = null
    }
    toHistogram(v)
  }

  function at(p: number): number | null {
    if (!count) return null
    if (exact) {
      const sorted = [...exact].sort((a, b) => a - b)
      return sorted[nearestRank(p, sorted.length) - 1] ?? null
    }
    // Asked for the rank itself (half a value below it, so the histogram's own rounding of
    // p/100 × n cannot land on a neighbour); its answer is the top of that value's bucket, so it is
    // kept within what was recorded.
    const rank = nearestRank(p, count)
    const v = hist?.getValueAtPercentile(((rank - 0.5) / count) * 100) ?? 0
    return Math.min(max, Math.max(min, v))
  }

  return {
    record,
    at,
    get count() {
      return count
    },
    percentiles(): Percentiles {
      if (!count) return { p50: null, p95: null, p99: null }
      if (exact) {
        const sorted = [...exact].sort((a, b) => a - b)
        const pick = (p: number) => sorted[nearestRank(p, sorted.length) - 1] ?? null
        return { p50: pick(50), p95: pick(95), p99: pick(99) }
      }
      return { p50: at(50), p95: at(95), p99: at(99) }
    },
  }
}

/** Nearest-rank percentiles of some values (exact up to `exactUpTo` of them); nulls when there are none. */
export function percentiles(values: Iterable<number>): Percentiles {
  const r = createPercentiles()
  for (const v of values) r.record(v)
  return r.percentiles()
}
