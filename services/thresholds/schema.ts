import { z } from 'zod'
import { type ThresholdMetric, thresholdMetricNames } from './metrics'

export const thresholdOps = ['<', '<=', '>', '>=', '==', '!='] as const
export type ThresholdOp = (typeof thresholdOps)[number]

/** More than this is a config mistake, not a stricter test. */
export const maxThresholds = 50

const metricList = thresholdMetricNames.join(', ')

/** `latency.p95 < 2000`, `rate.failed<=1`, `count.reverted == 0` (no units: the metric has one). */
const compact = /^\s*([A-Za-z][\w.]*)\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*$/i

export type ThresholdSpec = {
  metric: ThresholdMetric
  op: ThresholdOp
  value: number
  /** Stop the run as soon as this threshold has definitely failed (docs/metrics.md#thresholds). */
  abortOnFail?: boolean
  /** Shown in badges, the summary and JUnit; default: the expression itself. */
  name?: string
}

/** The compact form as an object; null when it is not `<metric> <op> <number>`. */
export function parseThresholdExpression(text: string): { metric: string; op: ThresholdOp; value: number } | null {
  const m = compact.exec(text)
  if (!m?.[1] || !m[2] || !m[3]) return null
  return { metric: m[1], op: m[2] as ThresholdOp, value: Number(m[3]) }
}

/** The threshold written as an expression: its default name, and how the CLI and JUnit show it. */
export const expressionOf = (t: Pick<ThresholdSpec, 'metric' | 'op' | 'value'>) => `${t.metric} ${t.op} ${t.value}`

const thresholdObject = z.strictObject({
  metric: z.enum(thresholdMetricNames, {
    error: (issue) => `unknown metric ${JSON.stringify(issue.input)}; known metrics: ${metricList}`,
  }),
  op: z.enum(thresholdOps, { error: `must be one of: ${thresholdOps.join(' ')}` }),
  value: z.number({ error: 'must be a number' }).finite({ error: 'must be a finite number' }),
  abortOnFail: z.boolean().optional(),
  name: z.string().trim().min(1).max(120).optional(),
})

/**
 * One threshold: `{metric, op, value, abortOnFail?, name?}` or the compact string
 * `'latency.p95 < 2000'`. A string that is no expression is named at `thresholds[N]`; an
 * unknown metric, in either form, at `thresholds[N].metric` with the list of known ones.
 */
export const thresholdSchema = z.preprocess((input, ctx) => {
  if (typeof input !== 'string') return input
  const parsed = parseThresholdExpression(input)
  if (!parsed) {
    ctx.addIssue({
      code: 'custom',
      input,
      message: `must be "<metric> <op> <number>", e.g. "latency.p95 < 2000" (ops: ${thresholdOps.join(' ')}; metrics: ${metricList})`,
    })
    return z.NEVER
  }
  return parsed
}, thresholdObject)

export const thresholdsSchema = z
  .array(thresholdSchema)
  .max(maxThresholds, { error: `at most ${maxThresholds} thresholds` })
