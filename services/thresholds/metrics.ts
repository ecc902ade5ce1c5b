import { pctOf, settledTotal } from '../run-model/counts'
import type { RunSnapshot } from '../run-model/model'

/**
 * The numbers a threshold can name: the live aggregator snapshot and the final RunReport both
 * carry these fields under the same names, so one reader serves the badges and the verdict.
 */
export type ThresholdNumbers = Pick<
  RunSnapshot,
  'counts' | 'throughput' | 'latencyMs' | 'submitRttMs' | 'blocks' | 'errors'
>

/**
 * How a metric moves while a run goes on. `count`: it only ever grows (terminal states and
 * error attempts are never undone), so an upper bound it has passed stays failed. `sample`: a
 * statistic of what has ended so far (a percentile, a rate): it can still move either way.
 */
export type MetricKind = 'count' | 'sample'

export type MetricDefinition = {
  unit: 'ms' | 'tx/s' | 'txs' | '%' | 'attempts' | 'ratio'
  kind: MetricKind
  description: string
  read: (n: ThresholdNumbers) => number | null
}

/** Txs that ended in a state other than cancelled: the population the rate.* metrics are over. */
export function settledOf(n: ThresholdNumbers): number {
  return settledTotal(n.counts)
}

/** A share of the settled txs, rounded once (run-model/counts.ts). */
const pct = (part: number, n: ThresholdNumbers): number | null => pctOf(part, settledOf(n))

/** Every metric name a threshold accepts. Adding one here adds it to the schema, the CLI and the docs' list. */
export const thresholdMetrics = {
  'latency.p50': {
    unit: 'ms',
    kind: 'sample',
    description: 'inclusion latency, median: block seen − accepted send',
    read: (n) => n.latencyMs.p50,
  },
  'latency.p95': {
    unit: 'ms',
    kind: 'sample',
    description: 'inclusion latency, 95th percentile',
    read: (n) => n.latencyMs.p95,
  },
  'latency.p99': {
    unit: 'ms',
    kind: 'sample',
    description: 'inclusion latency, 99th percentile',
    read: (n) => n.latencyMs.p99,
  },
  'submitRtt.p50': {
    unit: 'ms',
    kind: 'sample',
    description: 'round trip of the accepted submission request, median',
    read: (n) => n.submitRttMs.p50,
  },
  'submitRtt.p95': {
    unit: 'ms',
    kind: 'sample',
    description: 'submission round trip, 95th percentile',
    read: (n) => n.submitRttMs.p95,
  },
  'submitRtt.p99': {
    unit: 'ms',
    kind: 'sample',
    description: 'submission round trip, 99th percentile',
    read: (n) => n.submitRttMs.p99,
  },
  'throughput.mined': {
    unit: 'tx/s',
    kind: 'sample',
    description: 'txs included ÷ (last inclusion − first send)',
    read: (n) => n.throughput.minedPerSec,
  },
  'throughput.sent': {
    unit: 'tx/s',
    kind: 'sample',
    description: 'txs that reached the node ÷ (last accepted answer − first send)',
    read: (n) => n.throughput.sentPerSec,
  },
  'count.mined': { unit: 'txs', kind: 'count', description: 'included, status 1', read: (n) => n.counts.mined },
  'count.reverted': { unit: 'txs', kind: 'count', description: 'included, status 0', read: (n) => n.counts.reverted },
  'count.failed': {
    unit: 'txs',
    kind: 'count',
    description: 'refused by the node, retries exhausted',
    read: (n) => n.counts.failed,
  },
  'count.dropped': {
    unit: 'txs',
    kind: 'count',
    description: 'accepted but never mined',
    read: (n) => n.counts.dropped,
  },
  'count.unconfirmed': {
    unit: 'txs',
    kind: 'count',
    description: 'sent, but the chain cannot tell its fate (the node lost it, or the node was lost)',
    read: (n) => n.counts.unconfirmed,
  },
  'count.cancelled': {
    unit: 'txs',
    kind: 'count',
    description: 'never sent: the run was stopped',
    read: (n) => n.counts.cancelled,
  },
  'rate.failed': {
    unit: '%',
    kind: 'sample',
    description:
      '(failed + dropped + unconfirmed) ÷ settled txs (mined + reverted + failed + dropped + unconfirmed) × 100',
    read: (n) => pct(n.counts.failed + n.counts.dropped + n.counts.unconfirmed, n),
  },
  'rate.reverted': {
    unit: '%',
    kind: 'sample',
    description: 'reverted ÷ settled txs × 100',
    read: (n) => pct(n.counts.reverted, n),
  },
  'rate.success': {
    unit: '%',
    kind: 'sample',
    description: 'mined ÷ settled txs × 100',
    read: (n) => pct(n.counts.mined, n),
  },
  'errors.total': {
    unit: 'attempts',
    kind: 'count',
    description: 'failed attempts, retried ones included (the errors list, summed)',
    read: (n) => n.errors.reduce((sum, g) => sum + g.count, 0),
  },
  'blocks.avgFullness': {
    unit: 'ratio',
    kind: 'sample',
    description: 'mean gasUsed ÷ gasLimit of the blocks seen, 0–1 (as in the report)',
    read: (n) => n.blocks.avgFullness,
  },
} as const satisfies Record<string, MetricDefinition>

export type ThresholdMetric = keyof typeof thresholdMetrics

export const thresholdMetricNames = Object.keys(thresholdMetrics) as [ThresholdMetric, ...ThresholdMetric[]]

export function metricOf(name: ThresholdMetric): MetricDefinition {
  return thresholdMetrics[name]
}
