import { invariantHolds } from '../run-model/counts'
import type { RunSnapshot } from '../run-model/model'
import { functionStats } from './functions'
import { chainAgreesOf, type RunReport, reportVersion } from './report'
import type { TxStatRow } from './tx-group-stats'
import { txTypeStats } from './tx-type-stats'

/** The report's per-function and per-type numbers, from the run's stored rows (read once each, streamed). */
export function rowGroupsOf(rows: Iterable<TxStatRow>): Pick<RunReport, 'functions' | 'txTypes'> {
  return { functions: functionStats(rows), txTypes: txTypeStats(rows) }
}

/** What a report says beyond the run model's numbers: the run's identity, node, senders and verdicts. */
export type ReportContext = Pick<
  RunReport,
  | 'runId'
  | 'name'
  | 'node'
  | 'accounts'
  | 'scenario'
  | 'functions'
  | 'txTypes'
  | 'endpoints'
  | 'signing'
  | 'distributed'
  | 'limit'
  | 'environment'
  | 'config'
  | 'thresholds'
  | 'thresholdsOk'
  | 'thresholdAbort'
  | 'error'
> & {
  /** Used when the model saw no start or end (a run that failed before it began). */
  fallbackStartedAt: number
  fallbackEndedAt: number
}

/** The one way a RunReport is made: the model's numbers as of the run's end, and its context. */
export function buildReport(snap: RunSnapshot, ctx: ReportContext): RunReport {
  const { fallbackStartedAt, fallbackEndedAt, ...context } = ctx
  const startedAt = snap.startedAt ?? fallbackStartedAt
  const endedAt = Math.max(startedAt, snap.endedAt ?? fallbackEndedAt)
  const report: RunReport = {
    version: reportVersion,
    ...context,
    status: snap.status,
    counts: snap.counts,
    invariantHolds: invariantHolds(snap.counts),
    chainAgrees: null,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
    durationMs: endedAt - startedAt,
    pausedMs: snap.pausedMs,
    throughput: snap.throughput,
    latencyMs: snap.latencyMs,
    submitRttMs: snap.submitRttMs,
    blocks: snap.blocks,
    errors: snap.errors,
    warnings: snap.warnings,
    gapFills: snap.gapFills,
    replacements: snap.replacements,
  }
  report.chainAgrees = chainAgreesOf(report)
  return report
}
