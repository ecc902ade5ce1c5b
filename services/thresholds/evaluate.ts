import { type MetricDefinition, metricOf, settledOf, type ThresholdMetric, type ThresholdNumbers } from './metrics'
import { expressionOf, type ThresholdOp, type ThresholdSpec } from './schema'

/** One threshold against the run's numbers: in the live stats, the report, the summary and JUnit. */
export type ThresholdVerdict = {
  name: string
  metric: ThresholdMetric
  op: ThresholdOp
  value: number
  unit: MetricDefinition['unit']
  /** The metric now (live) or at the end; null = no data (no tx included yet, no block, …). */
  actual: number | null
  /** Holds (live: so far). Null only live, while there is no data; at the end never null. */
  ok: boolean | null
  /**
   * The verdict is settled enough to act on (a failed one stops an abortOnFail run): a count past
   * its bound can never come back; a sample (latency, rate, throughput) counts once enough txs
   * ended (`minEnded`); at the end of the run every verdict is definite.
   */
  definite: boolean
  abortOnFail: boolean
  /** Why a verdict is not what its numbers alone say: "no data", "12 of 100 txs ended". */
  reason?: string
}

export function compare(actual: number, op: ThresholdOp, value: number): boolean {
  switch (op) {
    case '<':
      return actual < value
    case '<=':
      return actual <= value
    case '>':
      return actual > value
    case '>=':
      return actual >= value
    case '==':
      return actual === value
    case '!=':
      return actual !== value
  }
}

/**
 * Ended txs (mined, reverted, failed, dropped) a latency/rate/throughput verdict needs before it
 * may stop a run: 10% of the planned txs, at least 10 and at most 100 (all of them in runs under
 * 10). Early numbers are a handful of txs; waiting for 100 in a million-tx run is enough.
 */
export function minEnded(planned: number): number {
  return Math.min(planned, 100, Math.max(10, Math.ceil(planned / 10)))
}

/** A count that only grows and already fails this bound will fail it for good. */
function countFailsForGood(actual: number, op: ThresholdOp, value: number): boolean {
  if (op === '<' || op === '<=') return true
  return op === '==' && actual > value
}

const base = (t: ThresholdSpec, actual: number | null) => ({
  name: t.name ?? expressionOf(t),
  metric: t.metric,
  op: t.op,
  value: t.value,
  unit: metricOf(t.metric).unit,
  actual,
  abortOnFail: t.abortOnFail ?? false,
})

/** While the run goes on: what holds so far, and which failures are definite. */
export function evaluateLive(thresholds: readonly ThresholdSpec[], n: ThresholdNumbers): ThresholdVerdict[] {
  const ended = settledOf(n)
  const needed = minEnded(n.counts.planned)
  return thresholds.map((t) => {
    const metric = metricOf(t.metric)
    const actual = metric.read(n)
    if (actual === null) return { ...base(t, actual), ok: null, definite: false, reason: 'no data yet' }
    const ok = compare(actual, t.op, t.value)
    if (metric.kind === 'count')
      return { ...base(t, actual), ok, definite: !ok && countFailsForGood(actual, t.op, t.value) }
    const definite = ended >= needed
    return { ...base(t, actual), ok, definite, ...(definite ? {} : { reason: `${ended} of ${needed} txs ended` }) }
  })
}

/**
 * When the run is over. No data at the end fails ("no data"): a threshold is a claim about what
 * happened, and a latency bound over a run where nothing was included was never shown to hold.
 */
export function evaluateFinal(thresholds: readonly ThresholdSpec[], n: ThresholdNumbers): ThresholdVerdict[] {
  return thresholds.map((t) => {
    const actual = metricOf(t.metric).read(n)
    if (actual === null) return { ...base(t, actual), ok: false, definite: true, reason: 'no data' }
    return { ...base(t, actual), ok: compare(actual, t.op, t.value), definite: true }
  })
}

/** Verdicts for a run whose numbers are lost (interrupted): each fails, saying why. */
export function failAll(thresholds: readonly ThresholdSpec[], reason: string): ThresholdVerdict[] {
  return thresholds.map((t) => ({ ...base(t, null), ok: false, definite: true, reason }))
}

/** `latency.p95 < 2000 ms, actual 3120 ms`: the way the summary, warnings and JUnit say it. */
export function describeVerdict(v: ThresholdVerdict): string {
  const actual = v.actual === null ? (v.reason ?? 'no data') : withUnit(v.actual, v.unit)
  return `${v.metric} ${v.op} ${withUnit(v.value, v.unit)}, actual ${actual}`
}

/** `2000 ms`, `1.5%`, `0.42` (a ratio has no unit to show). */
export function withUnit(x: number, unit: ThresholdVerdict['unit']): string {
  return unit === 'ratio' ? `${x}` : unit === '%' ? `${x}%` : `${x} ${unit}`
}
