export type Percentiles = { p50: number | null; p95: number | null; p99: number | null }

/** Nearest-rank percentiles of unsorted values; nulls when there are none. */
export function percentiles(values: readonly number[]): Percentiles {
  if (!values.length) return { p50: null, p95: null, p99: null }
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) =>
    sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? null
  return { p50: at(50), p95: at(95), p99: at(99) }
}
