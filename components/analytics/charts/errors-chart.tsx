'use client'

import { useMemo } from 'react'
import type { ErrorGroupRow, Marker, SeriesPoint } from '@/services/live/frames'
import { errorKinds, errorsData, kindTitles } from './chart-data'
import { type ChartLine, UplotChart } from './uplot-chart'

const palette = ['#b42318', '#c98a00', '#7a3fc4', '#0f7b8a', '#2f5bd3', '#a3456b', '#5f6672', '#1d7a46']

type Props = { series: readonly SeriesPoint[]; groups: readonly ErrorGroupRow[]; markers: readonly Marker[] }

/** Failed attempts per second, one line per error group (kind). */
export function ErrorsChart({ series, groups, markers }: Props) {
  // The chart is rebuilt only when a new kind shows up (a new line), not on every update.
  const kindsKey = useMemo(() => errorKinds(series).join(','), [series])
  const kinds = useMemo(() => (kindsKey ? kindsKey.split(',') : []), [kindsKey])
  const titles = useMemo(() => kindTitles(groups), [groups])
  // Same for a kind's title arriving later: the lines are keyed by their labels.
  const labelsKey = kinds.map((k) => titles.get(k) ?? k).join('\n')
  const lines = useMemo<ChartLine[]>(
    () => (labelsKey ? labelsKey.split('\n') : []).map((label, i) => ({ label, color: palette[i % palette.length]! })),
    [labelsKey],
  )
  const data = useMemo(() => errorsData(series, kinds), [series, kinds])
  return (
    <UplotChart
      testId="chart-errors"
      title="Errors"
      unit="errors/s"
      lines={lines}
      data={data}
      markers={markers}
      emptyText="No errors."
    />
  )
}
