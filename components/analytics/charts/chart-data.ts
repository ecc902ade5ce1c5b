import type uPlot from 'uplot'
import type { BlockPoint, ErrorGroupRow, SeriesPoint } from '@/services/live/frames'

/** uPlot's time axis counts seconds; the stream counts milliseconds. */
const seconds = (ms: number) => ms / 1000

export function throughputData(series: readonly SeriesPoint[]): uPlot.AlignedData {
  return [
    series.map((p) => seconds(p.t)),
    series.map((p) => p.sent),
    series.map((p) => p.mined),
    series.map((p) => p.reverted),
    series.map((p) => p.failed),
  ]
}

/** Seconds without an inclusion have no latency: null leaves a gap rather than a fake zero. */
export function latencyData(series: readonly SeriesPoint[]): uPlot.AlignedData {
  return [series.map((p) => seconds(p.t)), series.map((p) => p.p50), series.map((p) => p.p95), series.map((p) => p.p99)]
}

export function gasData(blocks: readonly BlockPoint[]): uPlot.AlignedData {
  return [blocks.map((b) => seconds(b.at)), blocks.map((b) => b.gasUsed), blocks.map((b) => b.gasLimit)]
}

/** The error kinds seen anywhere in the series, in a stable (sorted) order: one chart line each. */
export function errorKinds(series: readonly SeriesPoint[]): string[] {
  const kinds = new Set<string>()
  for (const p of series) for (const kind of Object.keys(p.errors)) kinds.add(kind)
  return [...kinds].sort()
}

export function errorsData(series: readonly SeriesPoint[], kinds: readonly string[]): uPlot.AlignedData {
  return [
    series.map((p) => seconds(p.t)),
    ...kinds.map((kind) => series.map((p) => (p.errors as Record<string, number | undefined>)[kind] ?? 0)),
  ]
}

/** The groups' own titles ("Nonce too low") where known, else the kind itself. */
export function kindTitles(groups: readonly ErrorGroupRow[]): Map<string, string> {
  return new Map(groups.map((g) => [g.kind, g.title]))
}
