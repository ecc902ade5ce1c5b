'use client'

import { useMemo } from 'react'
import type { Marker, SeriesPoint } from '@/services/live/frames'
import { latencyData } from './chart-data'
import { type ChartLine, UplotChart } from './uplot-chart'

const lines: ChartLine[] = [
  { label: 'p50', color: '#2f5bd3' },
  { label: 'p95', color: '#c98a00' },
  { label: 'p99', color: '#b42318', dash: [5, 3] },
]

/** Inclusion latency percentiles of the txs included in each second. */
export function LatencyChart({ series, markers }: { series: readonly SeriesPoint[]; markers: readonly Marker[] }) {
  const data = useMemo(() => latencyData(series), [series])
  return (
    <UplotChart
      testId="chart-latency"
      title="Inclusion latency"
      unit="ms"
      lines={lines}
      data={data}
      markers={markers}
      emptyText="No transaction included yet."
    />
  )
}
