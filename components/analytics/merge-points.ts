import type { Marker } from '@/services/live/frames'

/**
 * Adds `incoming` to a list kept sorted by `key`: a point with a key already present replaces it
 * (the server may resend the last, still-growing point), newer ones are appended, and only the
 * last `cap` are kept. Returns a new array when anything changed, so React sees the change.
 */
export function mergeByKey<T>(list: readonly T[], incoming: readonly T[], key: (item: T) => number, cap: number): T[] {
  if (!incoming.length) return list as T[]
  const out = list.slice()
  for (const item of incoming) {
    const k = key(item)
    const last = out[out.length - 1]
    if (!last || k > key(last)) {
      out.push(item)
      continue
    }
    const at = lowerBound(out, k, key)
    if (at < out.length && key(out[at]!) === k) out[at] = item
    else out.splice(at, 0, item)
  }
  return out.length > cap ? out.slice(out.length - cap) : out
}

function lowerBound<T>(list: readonly T[], k: number, key: (item: T) => number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (key(list[mid]!) < k) lo = mid + 1
    else hi = mid
  }
  return lo
}

const markerKey = (m: Marker) => `${m.at}|${m.kind}|${m.label}`

/** Markers are few; two at the same moment are both kept (a status change and a stage), repeats are not. */
export function mergeMarkers(list: readonly Marker[], incoming: readonly Marker[]): Marker[] {
  const seen = new Set(list.map(markerKey))
  const fresh = incoming.filter((m) => !seen.has(markerKey(m)))
  if (!fresh.length) return list as Marker[]
  return [...list, ...fresh].sort((a, b) => a.at - b.at)
}
