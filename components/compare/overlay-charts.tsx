'use client'

import { useMemo } from 'react'
import type { Marker, SeriesPoint } from '@/services/live/frames'
import { type ChartLine, UplotChart } from '../analytics/charts/uplot-chart'
import { latencyP95, minedPerSecond, overlayData } from './overlay-data'

// Module constants: a new array would rebuild the charts (see UplotChart).
const lines: ChartLine[] = [
  { label: 'Baseline', color: '#5f6672', dash: [5, 3], points: 'auto' },
  { label: 'This run', color: '#2f5bd3', points: 'auto' },
]
const noMarkers: Marker[] = []

/** Mined tx/s and latency p95 of both runs, lined up by seconds since each run's start. */
export function OverlayCharts({ base, run }: { base: readonly SeriesPoint[]; run: readonly SeriesPoint[] }) {
  const throughput = useMemo(() => overlayData(base, run, minedPerSecond), [base, run])
  const latency = useMemo(() => overlayData(base, run, latencyP95), [base, run])
  return (
    <div className="charts compare-charts">
      <UplotChart
        testId="compare-chart-throughput"
        title="Mined tx/s"
        unit="tx/s"
        lines={lines}
        data={throughput}
        markers={noMarkers}
        xAxis="elapsed"
        emptyText="Neither run recorded a series."
      />
      <UplotChart
        testId="compare-chart-latency"
        title="Inclusion latency p95"
        unit="ms"
        lines={lines}
        data={latency}
        markers={noMarkers}
        xAxis="elapsed"
        emptyText="Neither run recorded a series."
      />
    </div>
  )
}
