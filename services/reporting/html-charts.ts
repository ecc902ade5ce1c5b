import type { BlockPoint, Marker, SeriesPoint } from '../live/frames'
import { downsample, maxOf, meanOf } from './downsample'
import { esc, num } from './html-text'
import { type ChartLine, chartLegend, svgLineChart } from './svg-chart'

/** Points per chart line at most: ~1,000 keeps a day-long run's report in the hundreds of KB. */
export const maxChartPoints = 1_000
/** Markers drawn at most (a run with thousands of warnings would bury the lines). */
const maxMarkers = 200

export type ChartsInput = {
  series: readonly SeriesPoint[]
  blocks: readonly BlockPoint[]
  markers: readonly Marker[]
  /** The run's start and end (ms): the charts' time axis. */
  domain: readonly [number, number]
  /** Error kind → its title ("Nonce too low"). */
  errorTitles: ReadonlyMap<string, string>
}

const palette = ['#dc2626', '#d97706', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#4b5563', '#2563eb']

/** Seconds merged into one point: counts are averaged (still per second), latency p95/p99 keep the worst. */
function mergeSeconds(bucket: readonly SeriesPoint[]): SeriesPoint {
  const mean = (pick: (p: SeriesPoint) => number) => meanOf(bucket.map(pick)) ?? 0
  const errors: Record<string, number> = {}
  for (const p of bucket)
    for (const [kind, n] of Object.entries(p.errors)) errors[kind] = (errors[kind] ?? 0) + (n ?? 0) / bucket.length
  return {
    t: (bucket[0] as SeriesPoint).t,
    sent: mean((p) => p.sent),
    mined: mean((p) => p.mined),
    reverted: mean((p) => p.reverted),
    failed: mean((p) => p.failed),
    p50: meanOf(bucket.map((p) => p.p50)),
    p95: maxOf(bucket.map((p) => p.p95)),
    p99: maxOf(bucket.map((p) => p.p99)),
    errors,
  }
}

function mergeBlocks(bucket: readonly BlockPoint[]): BlockPoint {
  const first = bucket[0] as BlockPoint
  return {
    ...first,
    gasUsed: meanOf(bucket.map((b) => b.gasUsed)) ?? 0,
    gasLimit: maxOf(bucket.map((b) => b.gasLimit)) ?? 0,
    txs: meanOf(bucket.map((b) => b.txs)) ?? 0,
    ours: meanOf(bucket.map((b) => b.ours)) ?? 0,
  }
}

function figure(id: string, title: string, note: string, svg: string, lines: readonly ChartLine[]): string {
  return `<figure class="chart-box" id="chart-${id}"><figcaption><strong>${esc(title)}</strong> <span class="muted">${esc(note)}</span></figcaption>${svg}${chartLegend(lines)}</figure>`
}

/** The four charts of the run page, drawn once as SVG: throughput, latency, gas per block, errors. */
export function reportCharts(input: ChartsInput): string {
  const series = downsample(input.series, maxChartPoints, mergeSeconds)
  const blocks = downsample(input.blocks, maxChartPoints, mergeBlocks)
  const perPoint = Math.ceil(input.series.length / Math.max(series.length, 1))
  const perBlock = Math.ceil(input.blocks.length / Math.max(blocks.length, 1))
  const markers = input.markers.slice(0, maxMarkers)
  const x = series.map((p) => p.t)
  const common = { domain: input.domain, markers }
  const bucketNote = (n: number, unit: string) => (n > 1 ? `, each point the mean of ${n} ${unit}` : '')

  const throughput: ChartLine[] = [
    { name: 'sent', color: '#2563eb', values: series.map((p) => p.sent) },
    { name: 'mined', color: '#16a34a', values: series.map((p) => p.mined) },
    { name: 'reverted', color: '#d97706', values: series.map((p) => p.reverted) },
    { name: 'failed / dropped', color: '#dc2626', values: series.map((p) => p.failed) },
  ]
  const latency: ChartLine[] = [
    { name: 'p50', color: '#2563eb', values: series.map((p) => p.p50) },
    { name: 'p95', color: '#9333ea', values: series.map((p) => p.p95) },
    { name: 'p99', color: '#dc2626', values: series.map((p) => p.p99) },
  ]
  const gas: ChartLine[] = [
    { name: 'gas used', color: '#0891b2', values: blocks.map((b) => b.gasUsed) },
    { name: 'gas limit', color: '#6b7280', values: blocks.map((b) => b.gasLimit), dashed: true },
  ]
  const kinds = [...new Set(input.series.flatMap((p) => Object.keys(p.errors)))].sort()
  const errors: ChartLine[] = kinds.map((kind, i) => ({
    name: input.errorTitles.get(kind) ?? kind,
    color: palette[i % palette.length] as string,
    values: series.map((p) => (p.errors as Record<string, number | undefined>)[kind] ?? 0),
  }))

  return [
    figure(
      'throughput',
      'Transactions per second',
      `sent, mined, reverted and failed per second${bucketNote(perPoint, 's')}`,
      svgLineChart({ title: 'Transactions per second', x, lines: throughput, empty: 'No data', ...common }),
      throughput,
    ),
    figure(
      'latency',
      'Inclusion latency (ms)',
      `of the txs included in each second${perPoint > 1 ? `; p95/p99 the worst second of ${perPoint}` : ''}`,
      svgLineChart({ title: 'Latency', x, lines: latency, empty: 'No tx was included', ...common }),
      latency,
    ),
    figure(
      'gas',
      'Gas used per block',
      `${num(input.blocks.length)} blocks against the block gas limit${bucketNote(perBlock, 'blocks')}`,
      svgLineChart({
        title: 'Gas per block',
        x: blocks.map((b) => b.at),
        lines: gas,
        empty: 'No block was seen',
        ...common,
      }),
      gas,
    ),
    figure(
      'errors',
      'Failed attempts per second',
      `by error kind, retried ones included${bucketNote(perPoint, 's')}`,
      svgLineChart({ title: 'Errors', x, lines: errors, empty: 'No failed attempts', ...common }),
      errors,
    ),
  ].join('')
}
