/**
 * At most `max` points: consecutive points are merged in buckets of equal size (the last one may
 * be smaller). Charts in a report stay small however long the run was.
 */
export function downsample<T>(points: readonly T[], max: number, merge: (bucket: readonly T[]) => T): T[] {
  if (points.length <= max) return [...points]
  const size = Math.ceil(points.length / max)
  const out: T[] = []
  for (let i = 0; i < points.length; i += size) out.push(merge(points.slice(i, i + size)))
  return out
}

/** Mean of the non-null values; null when there are none. */
export function meanOf(values: readonly (number | null)[]): number | null {
  let sum = 0
  let n = 0
  for (const v of values)
    if (v !== null) {
      sum += v
      n++
    }
  return n ? sum / n : null
}

/** Largest of the non-null values; null when there are none. */
export function maxOf(values: readonly (number | null)[]): number | null {
  let best: number | null = null
  for (const v of values) if (v !== null && (best === null || v > best)) best = v
  return best
}
