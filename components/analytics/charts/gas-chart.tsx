'use client'

import { useMemo } from 'react'
import type { BlockPoint, Marker } from '@/services/live/frames'
import { gasData } from './chart-data'
import { type ChartLine, UplotChart } from './uplot-chart'

const lines: ChartLine[] = [
  { label: 'Gas used', color: '#2f5bd3', fill: 'rgba(47, 91, 211, 0.1)' },
  { label: 'Gas limit', color: '#5f6672', dash: [6, 4] },
]

/** 30000000 → "30M": block gas reads in millions. */
function formatGas(value: number): string {
  if (value >= 1e6) return `${+(value / 1e6).toFixed(1)}M`
  if (value >= 1e3) return `${+(value / 1e3).toFixed(1)}k`
  return String(value)
}

/** Gas used by each block the run saw, against the block gas limit. */
export function GasChart({ blocks, markers }: { blocks: readonly BlockPoint[]; markers: readonly Marker[] }) {
  const data = useMemo(() => gasData(blocks), [blocks])
  return (
    <UplotChart
      testId="chart-gas"
      title="Gas per block"
      unit="gas"
      lines={lines}
      data={data}
      markers={markers}
      formatY={formatGas}
      emptyText="No block seen yet."
    />
  )
}
