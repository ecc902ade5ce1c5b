'use client'

import type { RunStreamView } from '../run-stream-store'
import { ErrorsChart } from './errors-chart'
import { GasChart } from './gas-chart'
import { LatencyChart } from './latency-chart'
import { ThroughputChart } from './throughput-chart'

type Props = Pick<RunStreamView, 'series' | 'blocks' | 'markers' | 'errors'>

/** The run over time: four charts sharing the run's markers (pause, resume, stages). */
export function RunCharts({ series, blocks, markers, errors }: Props) {
  return (
    <section className="charts" aria-label="Charts">
      <ThroughputChart series={series} markers={markers} />
      <LatencyChart series={series} markers={markers} />
      <GasChart blocks={blocks} markers={markers} />
      <ErrorsChart series={series} groups={errors} markers={markers} />
    </section>
  )
}
