import { ConflictError, NotFoundError } from '../errors/base'
import type { BlockPoint, Marker, SeriesPoint } from '../live/frames'
import { type AccountStats, accountStats } from '../metrics/account-stats'
import { functionStats } from '../metrics/functions'
import type { RunReport } from '../metrics/report'
import type { Db } from '../store/db'
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
  return { row, report }
}

/** What the charts are drawn from: the per-second points, blocks and markers the live view kept. */
export type StoredTimeline = { series: SeriesPoint[]; blocks: BlockPoint[]; markers: Marker[] }

export function loadTimeline(db: Db, runId: string): StoredTimeline {
  const events = db
    .prepare<[string], { type: string; data_json: string }>(
      `SELECT type, data_json FROM run_events WHERE run_id = ? AND type IN ('series', 'block', 'marker') ORDER BY id`,
    )
    .all(runId)
  const timeline: StoredTimeline = { series: [], blocks: [], markers: [] }
  for (const e of events) {
    const data = JSON.parse(e.data_json)
    if (e.type === 'series') timeline.series.push(data)
    else if (e.type === 'block') timeline.blocks.push(data)
    else timeline.markers.push(data)
  }
  return timeline
}

/** Everything a full report (HTML, the CSV tables) shows of a finished run. */
export type ReportData = StoredReport & StoredTimeline & { accounts: AccountStats[] }

export function loadReportData(db: Db, runId: string): ReportData {
  const stored = loadReport(db, runId)
  const rows = readTxStatRows(db, runId)
  return { ...stored, ...loadTimeline(db, runId), accounts: accountStats(stored.report.accounts, rows) }
}
