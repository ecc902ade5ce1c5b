import type { Marker } from '../live/frames'
import { esc } from './html-text'

/** One line of a chart: a value per x (null = a gap, not a zero). */
export type ChartLine = { name: string; color: string; values: readonly (number | null)[]; dashed?: boolean }

export type LineChartSpec = {
  /** Accessible name of the chart. */
  title: string
  /** X positions, ms since the epoch (one per value of every line). */
  x: readonly number[]
  lines: readonly ChartLine[]
  /** The x range drawn: the run's start and end. */
  domain: readonly [number, number]
  markers?: readonly Marker[]
  /** What the chart says when it has nothing to draw. */
  empty: string
}

const width = 960
const height = 220
const pad = { left: 60, right: 14, top: 12, bottom: 26 }
const plotW = width - pad.left - pad.right
const plotH = height - pad.top - pad.bottom

/** 1, 2, 2.5 or 5 × 10^n at or above `max / steps`: round tick steps. */
function niceStep(max: number, steps: number): number {
  const raw = max / steps
  const p = 10 ** Math.floor(Math.log10(raw))
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p
  return 10 * p
}

/** 1.5k, 30M: axis labels that fit. */
function short(n: number): string {
  const abs = Math.abs(n)
  const trim = (v: number) => String(Number(v.toFixed(1)))
  if (abs >= 1e9) return `${trim(n / 1e9)}G`
  if (abs >= 1e6) return `${trim(n / 1e6)}M`
  if (abs >= 1e4) return `${trim(n / 1e3)}k`
  return String(Number(n.toFixed(2)))
}

/** Elapsed time since the start: 0s, 45s, 2m, 1h05m. */
function elapsed(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s / 60}m`
  const m = Math.round(s / 60)
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
}

const timeSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 43_200, 86_400].map(
  (s) => s * 1000,
)

/** Coordinates to one decimal: enough for a 960-wide drawing, and a third of the bytes of full floats. */
const r1 = (v: number) => Math.round(v * 10) / 10

/**
 * A line chart as inline SVG: axes with round ticks, one path per line (broken at nulls), the
 * run's markers as dashed verticals with their label as a tooltip. No script, no external refs.
 */
export function svgLineChart(spec: LineChartSpec): string {
  const [x0, x1raw] = spec.domain
  const x1 = Math.max(x1raw, x0 + 1000)
  let yMax = 0
  for (const l of spec.lines) for (const v of l.values) if (v !== null && v > yMax) yMax = v
  const hasData = spec.x.length > 0 && spec.lines.some((l) => l.values.some((v) => v !== null))
  const yStep = niceStep(yMax > 0 ? yMax : 1, 4)
  const yTop = Math.max(yStep, Math.ceil((yMax > 0 ? yMax : 1) / yStep) * yStep)
  const px = (t: number) => pad.left + ((t - x0) / (x1 - x0)) * plotW
  const py = (v: number) => pad.top + plotH - (v / yTop) * plotH

  const parts: string[] = []
  parts.push(
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(spec.title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(spec.title)}</title>`,
  )
  // Horizontal grid and y labels.
  for (let v = 0; v <= yTop + yStep / 2; v += yStep) {
    const y = r1(py(v))
    parts.push(
      `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/>`,
      `<text x="${pad.left - 6}" y="${y + 4}" text-anchor="end" class="tick">${short(v)}</text>`,
    )
  }
  // Time ticks: about eight at most.
  const span = x1 - x0
  const tStep = timeSteps.find((s) => span / s <= 8) ?? span / 8
  for (let t = 0; t <= span; t += tStep) {
    const x = r1(px(x0 + t))
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${pad.top + plotH}" y2="${pad.top + plotH + 4}" stroke="#9ca3af"/>`,
      `<text x="${x}" y="${height - 8}" text-anchor="middle" class="tick">${elapsed(t)}</text>`,
    )
  }
  parts.push(
    `<line x1="${pad.left}" x2="${width - pad.right}" y1="${pad.top + plotH}" y2="${pad.top + plotH}" stroke="#9ca3af"/>`,
  )
  for (const m of spec.markers ?? []) {
    if (m.at < x0 || m.at > x1) continue
    const x = r1(px(m.at))
    const color = m.kind === 'warning' ? '#d97706' : '#6b7280'
    parts.push(
      `<line class="marker" x1="${x}" x2="${x}" y1="${pad.top}" y2="${pad.top + plotH}" stroke="${color}" stroke-dasharray="3 3"><title>${esc(`${elapsed(m.at - x0)} ${m.label}`)}</title></line>`,
    )
  }
  if (!hasData)
    parts.push(
      `<text x="${pad.left + plotW / 2}" y="${pad.top + plotH / 2}" text-anchor="middle" class="empty">${esc(spec.empty)}</text>`,
    )
  for (const line of spec.lines) {
    let d = ''
    let pen = false
    for (const [i, v] of line.values.entries()) {
      const t = spec.x[i]
      if (v === null || t === undefined) {
        pen = false
        continue
      }
      d += `${pen ? 'L' : 'M'}${r1(px(t))} ${r1(py(v))}`
      pen = true
    }
    if (d)
      parts.push(
        `<path d="${d}" fill="none" stroke="${line.color}" stroke-width="1.6" stroke-linejoin="round"${line.dashed ? ' stroke-dasharray="6 4"' : ''}><title>${esc(line.name)}</title></path>`,
      )
  }
  parts.push('</svg>')
  return parts.join('')
}

/** The chart's key: a swatch and a name per line. */
export function chartLegend(lines: readonly Pick<ChartLine, 'name' | 'color' | 'dashed'>[]): string {
  return `<p class="legend">${lines
    .map(
      (l) =>
        `<span><svg class="swatch" viewBox="0 0 16 4" aria-hidden="true"><line x1="0" x2="16" y1="2" y2="2" stroke="${l.color}" stroke-width="3"${l.dashed ? ' stroke-dasharray="4 2"' : ''}/></svg>${esc(l.name)}</span>`,
    )
    .join('')}</p>`
}
