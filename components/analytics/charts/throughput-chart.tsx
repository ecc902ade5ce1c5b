'use client'

import { useMemo } from 'react'
import type { Marker, SeriesPoint } from '@/services/live/frames'
import { throughputData } from './chart-data'
import { type ChartLine, UplotChart } from './uplot-chart'

const lines: ChartLine[] = [
  { label: 'Sent', color: '#2f5bd3' },
  { label: 'Mined', color: '#1d7a46', fill: 'rgba(29, 122, 70, 0.08)' },
  { label: 'Reverted', color: '#c98a00' },
  { label: 'Failed', color: '#b42318' },
]

/** Sent vs mined vs failed transactions per second, over the run. */
export function ThroughputChart({ series, markers }: { series: readonly SeriesPoint[]; markers: readonly Marker[] }) {
  const data = useMemo(() => throughputData(series), [series])
  return (
    <UplotChart testId="chart-throughput" title="Throughput" unit="tx/s" lines={lines} data={data} markers={markers} />
  )
}
