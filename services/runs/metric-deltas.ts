import type { RunReport } from '../metrics/report'
import { successPct } from '../run-model/counts'

/**
 * Two runs side by side: each headline number of a run against the same number of a baseline
 * run, the relative change and whether that change is good news. Pure: no store, no node.
 */

/** Which way is good for a metric; `null` for inputs (planned txs) that are neither. */
export type Better = 'higher' | 'lower' | null

/** `same`: the change is within the tolerance; `null`: no judgement (an input, or a value missing). */
export type Verdict = 'better' | 'worse' | 'same' | null

export type CompareRow = {
  /** Stable key (`mined`, `latency-p95`, `gas-avg:transfer`…): tests and the page's data-metric use it. */
  metric: string
  label: string
  unit: string
  base: number | null
  run: number | null
  /** (run − base) / base × 100; null when base is 0 and run is not ("new"), or a value is missing. */
  deltaPct: number | null
  better: Better
  verdict: Verdict
}

/**
 * Per-function (per workload call) numbers, if the report carries per-function stats (matched
 * across runs by label).
 */
export type FunctionGas = {
  label: string
  gasAvg: number | null
  gasP95: number | null
  mined?: number
  reverted?: number
  latencyP95?: number | null
}

/**
 * What a comparison needs of a run: a finished run's report has it all; a run that ended without
 * one (interrupted) has the counts and rates of its summary, and nulls for the rest.
 */
export type ComparableRun = Pick<RunReport, 'counts' | 'throughput' | 'latencyMs'> & {
  durationMs: number | null
  submitRttMs?: RunReport['submitRttMs'] | null
  blocks?: Pick<RunReport['blocks'], 'avgFullness'> | null
  functions?: readonly FunctionGas[] | null
}

export const defaultTolerancePct = 5

type MetricDef = {
  metric: string
  label: string
  unit: string
  better: Better
  value: (r: ComparableRun) => number | null
}

/** mined / everything that ended on the node (cancelled were never sent); as the live page shows it. */

const metrics: readonly MetricDef[] = [
  { metric: 'planned', label: 'Planned txs', unit: 'txs', better: null, value: (r) => r.counts.planned },
  { metric: 'mined', label: 'Mined txs', unit: 'txs', better: 'higher', value: (r) => r.counts.mined },
  {
    metric: 'failed',
    label: 'Failed + dropped + unconfirmed',
    unit: 'txs',
    better: 'lower',
    value: (r) => r.counts.failed + r.counts.dropped + r.counts.unconfirmed,
  },
  { metric: 'reverted', label: 'Reverted', unit: 'txs', better: 'lower', value: (r) => r.counts.reverted },
  { metric: 'success', label: 'Success', unit: '%', better: 'higher', value: (r) => successPct(r.counts) },
  { metric: 'sent-rate', label: 'Sent tx/s', unit: 'tx/s', better: 'higher', value: (r) => r.throughput.sentPerSec },
  {
    metric: 'mined-rate',
    label: 'Mined tx/s',
    unit: 'tx/s',
    better: 'higher',
    value: (r) => r.throughput.minedPerSec,
  },
  { metric: 'latency-p50', label: 'Latency p50', unit: 'ms', better: 'lower', value: (r) => r.latencyMs.p50 },
  { metric: 'latency-p95', label: 'Latency p95', unit: 'ms', better: 'lower', value: (r) => r.latencyMs.p95 },
  { metric: 'latency-p99', label: 'Latency p99', unit: 'ms', better: 'lower', value: (r) => r.latencyMs.p99 },
  {
    metric: 'submit-rtt-p95',
    label: 'Submit RTT p95',
    unit: 'ms',
    better: 'lower',
    value: (r) => r.submitRttMs?.p95 ?? null,
  },
  { metric: 'duration', label: 'Duration', unit: 'ms', better: 'lower', value: (r) => r.durationMs },
  {
    metric: 'block-fullness',
    label: 'Avg block fullness',
    unit: '%',
    better: 'higher',
    // Stored as a 0–1 ratio; shown as a percentage.
    value: (r) => (r.blocks?.avgFullness == null ? null : r.blocks.avgFullness * 100),
  },
]

/** (run − base) / base × 100; 0 → 0 is no change; 0 → something has no finite ratio (null). */
export function deltaPct(base: number | null, run: number | null): number | null {
  if (base == null || run == null) return null
  if (base === 0) return run === 0 ? 0 : null
  return ((run - base) / Math.abs(base)) * 100
}

/**
 * Good news, bad news or no news: within ±tolerance % it is `same`; beyond it the metric's
 * direction decides. From zero to something (no ratio) the sign of the change decides.
 */
export function verdictOf(
  base: number | null,
  run: number | null,
  better: Better,
  tolerancePct = defaultTolerancePct,
): Verdict {
  if (better === null || base == null || run == null) return null
  const delta = deltaPct(base, run)
  if (delta !== null && Math.abs(delta) <= tolerancePct) return 'same'
  const up = run > base
  return up === (better === 'higher') ? 'better' : 'worse'
}

function row(def: Omit<MetricDef, 'value'>, base: number | null, run: number | null, tolerancePct: number): CompareRow {
  return {
    metric: def.metric,
    label: def.label,
    unit: def.unit,
    base,
    run,
    deltaPct: deltaPct(base, run),
    better: def.better,
    verdict: verdictOf(base, run, def.better, tolerancePct),
  }
}

/** Gas rows for the functions both runs called (by label, in the baseline's order). */
function functionRows(base: ComparableRun, run: ComparableRun, tolerancePct: number): CompareRow[] {
  const theirs = new Map((run.functions ?? []).map((f) => [f.label, f]))
  const rows: CompareRow[] = []
  for (const b of base.functions ?? []) {
    const r = theirs.get(b.label)
    if (!r) continue
    if (b.mined !== undefined && r.mined !== undefined)
      rows.push(
        row(
          { metric: `mined:${b.label}`, label: `${b.label} mined`, unit: 'txs', better: 'higher' },
          b.mined,
          r.mined,
          tolerancePct,
        ),
        row(
          { metric: `reverted:${b.label}`, label: `${b.label} reverted`, unit: 'txs', better: 'lower' },
          b.reverted ?? null,
          r.reverted ?? null,
          tolerancePct,
        ),
        row(
          { metric: `latency-p95:${b.label}`, label: `${b.label} latency p95`, unit: 'ms', better: 'lower' },
          b.latencyP95 ?? null,
          r.latencyP95 ?? null,
          tolerancePct,
        ),
      )
    rows.push(
      row(
        { metric: `gas-avg:${b.label}`, label: `${b.label} gas avg`, unit: 'gas', better: 'lower' },
        b.gasAvg,
        r.gasAvg,
        tolerancePct,
      ),
      row(
        { metric: `gas-p95:${b.label}`, label: `${b.label} gas p95`, unit: 'gas', better: 'lower' },
        b.gasP95,
        r.gasP95,
        tolerancePct,
      ),
    )
  }
  return rows
}

export type CompareOptions = { tolerancePct?: number }

/** Every headline metric of `run` against `base`, then per-function gas when both runs have it. */
export function compareRuns(base: ComparableRun, run: ComparableRun, options: CompareOptions = {}): CompareRow[] {
  const tolerancePct = options.tolerancePct ?? defaultTolerancePct
  return [
    ...metrics.map((m) => row(m, m.value(base), m.value(run), tolerancePct)),
    ...functionRows(base, run, tolerancePct),
  ]
}

/** The same rows judged again with another tolerance (the page does this as the user types). */
export function rejudge(rows: readonly CompareRow[], tolerancePct: number): CompareRow[] {
  return rows.map((r) => ({ ...r, verdict: verdictOf(r.base, r.run, r.better, tolerancePct) }))
}
