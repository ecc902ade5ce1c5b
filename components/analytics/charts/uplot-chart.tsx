'use client'

import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { Marker } from '@/services/live/frames'
import { drawMarkers } from './draw-markers'

/** `points: 'auto'`: uPlot's own rule, dots where the data is sparse (a run of a second or two). */
export type ChartLine = { label: string; color: string; dash?: number[]; fill?: string; points?: 'auto' }

type Props = {
  testId: string
  title: string
  /** Keep it stable (a module constant or memoised): a new array rebuilds the chart. */
  lines: readonly ChartLine[]
  data: uPlot.AlignedData
  markers: readonly Marker[]
  unit: string
  /** Stable too (a module function): formats the y axis' values. */
  formatY?: (value: number) => string
  emptyText?: string
  height?: number
  /** x as clock time (live charts, the default) or as seconds since the start (overlaid runs). */
  xAxis?: 'time' | 'elapsed'
}

const axisColor = '#5f6672'
const gridColor = '#eceff3'

function seriesFor(line: ChartLine): uPlot.Series {
  // uPlot merges options over its defaults with Object.assign: an `undefined` key would erase one.
  const s: uPlot.Series = { label: line.label, stroke: line.color, width: 1.5 }
  if (line.points !== 'auto') s.points = { show: false }
  if (line.dash) s.dash = line.dash
  if (line.fill) s.fill = line.fill
  return s
}

/** Half the span a lone point's chart gets: a minute around the run's one second. */
const lonePointHalfSpanS = 30

/**
 * A lone point (a run that lasted under a second, or the first second of one) gets a minute
 * around it. uPlot widens a single x value itself before this is asked, by a day counted in
 * milliseconds, which on our seconds axis is nearly three years: so the data is looked at here,
 * not the min and max it passes.
 */
function clockRange(u: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min == null || max == null) return [Date.now() / 1000 - 60, Date.now() / 1000]
  const xs = u.data?.[0]
  const lone = xs?.length === 1 ? xs[0] : min === max ? min : undefined
  return lone == null ? [min, max] : [lone - lonePointHalfSpanS, lone + lonePointHalfSpanS]
}

/**
 * uPlot does not range an empty x scale (it shows a span of years): before the first point a
 * chart gets the last minute with no values in it.
 */
function withPlaceholder(data: uPlot.AlignedData, xAxis: Props['xAxis']): uPlot.AlignedData {
  if (data[0].length > 0 || xAxis === 'elapsed') return data
  const now = Math.floor(Date.now() / 1000)
  return [[now - 60, now], ...data.slice(1).map(() => [null, null])]
}

function buildOptions(
  props: Pick<Props, 'lines' | 'unit' | 'formatY' | 'xAxis'>,
  width: number,
  height: number,
  markers: () => readonly Marker[],
  host: HTMLElement,
): uPlot.Options {
  const y: uPlot.Axis = { label: props.unit, stroke: axisColor, grid: { stroke: gridColor }, size: 56 }
  const { formatY } = props
  if (formatY) y.values = (_u, values) => values.map(formatY)
  const elapsed = props.xAxis === 'elapsed'
  const x: uPlot.Axis = { stroke: axisColor, grid: { stroke: gridColor } }
  if (elapsed) x.values = (_u, values) => values.map((v) => `${v}s`)
  return {
    width,
    height,
    series: [{ label: elapsed ? 'Elapsed s' : 'Time' }, ...props.lines.map(seriesFor)],
    axes: [x, y],
    // Counts and durations start at zero; a flat line at 7 should not fill the chart.
    scales: {
      // Elapsed time starts at 0; a single point (a sub-second run) gets a 1 s wide axis.
      x: elapsed
        ? { time: false, range: (_u, _min, max) => [0, max != null && max > 0 ? max : 1] }
        : { time: true, range: clockRange },
      y: { range: (_u, _min, max) => [0, max != null && max > 0 ? max * 1.1 : 1] },
    },
    // No drag-to-zoom: every update resets the scales, a zoom would jump back at once.
    cursor: { drag: { x: false, y: false } },
    hooks: {
      draw: [(u) => drawMarkers(u, markers())],
      // The x span drawn, in seconds, for the browser tests to read (data-x-span).
      setScale: [
        (u, key) => {
          const { min, max } = u.scales.x ?? {}
          if (key === 'x' && min != null && max != null) host.dataset.xSpan = String(Math.round(max - min))
        },
      ],
    },
  }
}

/**
 * One uPlot chart: created once per set of lines, fed new data with setData (never re-created per
 * update), resized with its box, destroyed on unmount. Markers are drawn by a hook reading a ref.
 */
export function UplotChart({
  testId,
  title,
  lines,
  data,
  markers,
  unit,
  formatY,
  emptyText,
  height = 200,
  xAxis = 'time',
}: Props) {
  const hostRef = useRef<HTMLDivElement>(null)
  const plotRef = useRef<uPlot | null>(null)
  const dataRef = useRef(withPlaceholder(data, xAxis))
  const markersRef = useRef(markers)

  // These two run before the create effect below: when lines and data change together (a new
  // error kind), the old chart is gone by now and the new one is built from the new data.
  useEffect(() => {
    dataRef.current = withPlaceholder(data, xAxis)
    plotRef.current?.setData(dataRef.current)
  }, [data, xAxis])

  useEffect(() => {
    markersRef.current = markers
    plotRef.current?.redraw(false, false)
  }, [markers])

  useEffect(() => {
    const host = hostRef.current
    if (!host) return
    const options = buildOptions(
      { lines, unit, formatY, xAxis },
      host.clientWidth,
      height,
      () => markersRef.current,
      host,
    )
    const plot = new uPlot(options, dataRef.current, host)
    plotRef.current = plot
    const resize = new ResizeObserver(() => {
      if (host.clientWidth !== plot.width) plot.setSize({ width: host.clientWidth, height })
    })
    resize.observe(host)
    return () => {
      resize.disconnect()
      plot.destroy()
      plotRef.current = null
    }
  }, [lines, unit, formatY, height, xAxis])

  const empty = data[0].length === 0
  return (
    <figure className="chart card" data-testid={testId} data-points={data[0].length}>
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-box">
        <div ref={hostRef} className="chart-plot" />
        {empty && <p className="chart-empty muted small">{emptyText ?? 'No data yet.'}</p>}
      </div>
    </figure>
  )
}
