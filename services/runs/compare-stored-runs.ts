import { ConfigError, type FieldIssue, NotFoundError } from '../errors/base'
import type { SeriesPoint } from '../live/frames'
import type { RunReport } from '../metrics/report'
import type { Db } from '../store/db'
import { loadTimeline } from '../store/run-timeline'
import type { RunRow } from '../store/runs-repo'
import {
  type ComparableRun,
  type CompareRow,
  compareRuns,
  defaultTolerancePct,
  type FunctionGas,
} from './metric-deltas'
import type { RunSummary } from './types'

/** GET /api/runs/compare: the two runs, the rows, and their series to overlay. */
export type RunComparison = {
  base: RunSummary
  run: RunSummary
  tolerancePct: number
  rows: CompareRow[]
  series: { base: SeriesPoint[]; run: SeriesPoint[] }
}

export type CompareQuery = { base: string; run: string; tolerancePct: number }

const maxTolerancePct = 1000

/** `?base=<id>&run=<id>&tolerance=5` → ids and tolerance, or a ConfigError naming each bad field. */
export function parseCompareQuery(params: URLSearchParams): CompareQuery {
  const issues: FieldIssue[] = []
  const id = (field: 'base' | 'run') => {
    const v = params.get(field)?.trim()
    if (!v) issues.push({ field, message: 'required: the id of a run (GET /api/runs lists them)' })
    return v ?? ''
  }
  const base = id('base')
  const run = id('run')
  const raw = params.get('tolerance')?.trim()
  const tolerancePct = raw ? Number(raw) : defaultTolerancePct
  if (!Number.isFinite(tolerancePct) || tolerancePct < 0 || tolerancePct > maxTolerancePct)
    issues.push({ field: 'tolerance', message: `must be a number of percent from 0 to ${maxTolerancePct}` })
  if (issues.length)
    throw new ConfigError(issues, { hint: 'Call it as /api/runs/compare?base=<id>&run=<id>&tolerance=5.' })
  return { base, run, tolerancePct }
}

/**
 * What a run offers a comparison: its report when it has one; otherwise (interrupted, or still
 * live) the summary's counts and rates.
 */
export function comparableOf(row: RunRow, summary: RunSummary): ComparableRun {
  const report = row.report_json ? (JSON.parse(row.report_json) as RunReport) : undefined
  return {
    counts: summary.counts,
    throughput: summary.throughput,
    latencyMs: summary.latencyMs,
    durationMs: summary.durationMs,
    submitRttMs: report?.submitRttMs ?? null,
    blocks: report?.blocks ?? null,
    functions: functionGasOf(report),
  }
}

/**
 * Per-function numbers (gas, mined, reverted, latency) of the planned txs (the engine's gap fills are not the workload), from the
 * report's `functions`. Reports written before per-function stats existed have none: null.
 */
export function functionGasOf(report: RunReport | undefined): FunctionGas[] | null {
  const list: RunReport['functions'] | undefined = report?.functions
  if (!Array.isArray(list)) return null
  return list
    .filter((f) => f.role !== 'gap-fill' && f.label)
    .map((f) => ({
      label: f.label,
      gasAvg: f.gas?.avg ?? null,
      gasP95: f.gas?.p95 ?? null,
      mined: f.mined,
      reverted: f.reverted,
      latencyP95: f.latencyMs?.p95 ?? null,
    }))
}

export type CompareStoredParameters = {
  db: Db
  query: CompareQuery
  /** The row and the summary (live numbers while a run is live) of a run, or undefined. */
  lookup: (id: string) => { row: RunRow; summary: RunSummary } | undefined
}

/** Two stored runs compared; an unknown id is a 404 that says which of the two it was. */
export function compareStored({ db, query, lookup }: CompareStoredParameters): RunComparison {
  const find = (field: 'base' | 'run') => {
    const id = query[field]
    const found = lookup(id)
    if (!found) throw new NotFoundError(`${field}: no run with id ${id}`, { hint: 'List runs with GET /api/runs.' })
    return found
  }
  const base = find('base')
  const run = find('run')
  return {
    base: base.summary,
    run: run.summary,
    tolerancePct: query.tolerancePct,
    rows: compareRuns(comparableOf(base.row, base.summary), comparableOf(run.row, run.summary), {
      tolerancePct: query.tolerancePct,
    }),
    series: { base: loadTimeline(db, base.row.id).series, run: loadTimeline(db, run.row.id).series },
  }
}
