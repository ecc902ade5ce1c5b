import { ConflictError, NotFoundError } from '../errors/base'
import { type AccountStats, accountStats } from '../metrics/account-stats'
import { functionStats } from '../metrics/functions'
import type { RunReport } from '../metrics/report'
import { txTypeStats } from '../metrics/tx-type-stats'
import { noReplacements } from '../run-model/model'
import type { Db } from '../store/db'
import { loadTimeline, type StoredTimeline } from '../store/run-timeline'
import { createRunsRepo, type RunRow } from '../store/runs-repo'
import { readTxStatRows } from '../store/stat-rows'

export type StoredReport = { row: RunRow; report: RunReport }

/**
 * A finished run's report as SQLite kept it. Reports written before per-function stats existed
 * get them from the stored rows, so every report the API serves has `functions`.
 */
export function loadReport(db: Db, runId: string): StoredReport {
  const row = createRunsRepo(db).get(runId)
  if (!row) throw new NotFoundError(`No run with id ${runId}`, { hint: 'List runs with GET /api/runs.' })
  if (!row.report_json)
    throw new ConflictError(`Run ${runId} has no report yet (status: ${row.status})`, {
      hint:
        row.status === 'interrupted'
          ? 'An interrupted run gets its report once it is closed or continued (POST /api/runs/:id/close).'
          : 'The report is written when the run ends.',
    })
  const report = JSON.parse(row.report_json) as RunReport
  if (!Array.isArray(report.functions)) report.functions = functionStats(readTxStatRows(db, runId))
  // Reports written before types were recorded: every stored tx is of the default type.
  if (!Array.isArray(report.txTypes)) report.txTypes = txTypeStats(readTxStatRows(db, runId))
  report.endpoints ??= []
  report.signing ??= null
  report.limit ??= null
  report.replacements ??= noReplacements()
  return { row, report }
}

/** Everything a full report (HTML, the CSV tables) shows of a finished run. */
export type ReportData = StoredReport & StoredTimeline & { accounts: AccountStats[] }

export function loadReportData(db: Db, runId: string): ReportData {
  const stored = loadReport(db, runId)
  const rows = readTxStatRows(db, runId)
  return { ...stored, ...loadTimeline(db, runId), accounts: accountStats(stored.report.accounts, rows) }
}
