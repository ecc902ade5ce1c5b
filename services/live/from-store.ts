import { kindInfo, type TxErrorKind } from '../errors/tx-error'
import { labelCountsOfReport, labelCountsOfRows } from '../metrics/label-counts'
import type { RunReport } from '../metrics/report'
import type { Db } from '../store/db'
import { loadTimeline } from '../store/run-timeline'
import type { RunRow } from '../store/runs-repo'
import { type TxDbRow, txColumns, txRowFromDb } from '../store/tx-rows'
import type { RunStatus } from '../testing/events'
import { emptyCounts, type TxCounts } from '../testing/ledger'
import type { TxState } from '../testing/tx'
import { liveEndedRows } from './feed'
import type { ErrorGroupRow, ResetFrame, TxRow } from './frames'
import { liveStats } from './stats'

/**
 * A run that is no longer live, drawn from what SQLite kept: the same reset a live client gets,
 * so a reload after the run (or after a server restart) shows the whole history.
 */
export function resetFromStore(db: Db, run: RunRow): { frame: ResetFrame; rows: TxRow[] } {
  const { series, blocks, markers } = loadTimeline(db, run.id)
  // The newest rows, as a live reset carries (feed.ts): the page pages older ones from the store.
  const rows = newestRows(db, run.id, liveEndedRows)
  const txTotal = (db.prepare('SELECT COUNT(*) n FROM txs WHERE run_id = ?').get(run.id) as { n: number }).n
  const report = run.report_json ? (JSON.parse(run.report_json) as RunReport) : undefined
  const stats = liveStats({
    status: run.status as RunStatus,
    counts: report?.counts ?? countsOf(stateRows(db, run.id), run.planned),
    throughput: report?.throughput ?? { sentPerSec: 0, minedPerSec: 0 },
    latencyMs: report?.latencyMs ?? { p50: null, p95: null, p99: null },
    mining: run.mining,
    startedAt: run.started_at,
    endedAt: run.ended_at,
    now: run.ended_at ?? Date.now(),
    series,
    lastBlock: blocks.at(-1) ?? null,
    // Reports from before thresholds existed have none.
    thresholds: report?.thresholds?.length ? report.thresholds : undefined,
    // The report's per-function numbers once there is one; else what the rows say.
    byLabel: report?.functions ? labelCountsOfReport(report.functions) : labelCountsOfRows(stateRows(db, run.id)),
  })
  const frame: ResetFrame = {
    kind: 'reset',
    seq: 0,
    stats,
    series,
    blocks: blocks.slice(-2_000),
    markers,
    accounts: (report?.accounts ?? []).map((a) => ({
      address: a.address,
      balanceWei: a.balanceWei ?? '0',
      localNonce: a.expectedNonce,
      onChainNonce: a.onChainNonce ?? 0,
      inFlight: 0,
      low: false,
      lastError: a.lastError,
    })),
    errors: errorGroups(db, run.id),
    txCount: rows.length,
    txTotal,
  }
  return { frame, rows }
}

/** The `limit` highest-idx rows of a run, in idx order. */
function newestRows(db: Db, runId: string, limit: number): TxRow[] {
  return db
    .prepare<[string, number], TxDbRow>(
      `SELECT * FROM (SELECT ${txColumns} FROM txs WHERE run_id = ? ORDER BY idx DESC LIMIT ?) ORDER BY idx`,
    )
    .all(runId, limit)
    .map(txRowFromDb)
}

type StateRow = { label: string; role: string; state: TxState }

/** Every row's label, role and state, one at a time (fresh cursor per iteration). */
function stateRows(db: Db, runId: string): Iterable<StateRow> {
  const stmt = db.prepare<[string], StateRow>('SELECT label, role, state FROM txs WHERE run_id = ? ORDER BY idx')
  return { [Symbol.iterator]: () => stmt.iterate(runId) }
}

/** A run that ended without a report (interrupted): its counts are what its rows say. */
function countsOf(rows: Iterable<StateRow>, planned: number): TxCounts {
  const c = emptyCounts(planned)
  for (const r of rows) if (r.role === 'planned' && r.state !== 'planned') c[r.state]++
  return c
}

function errorGroups(db: Db, runId: string): ErrorGroupRow[] {
  const rows = db
    .prepare<
      [string],
      {
        kind: TxErrorKind
        label: string
        count: number
        retried: number
        sample: string
        firstAt: number
        lastAt: number
      }
    >(
      `SELECT kind, COALESCE(label, '') label, COUNT(*) count, SUM(will_retry) retried, MAX(message) sample,
              MIN(at) firstAt, MAX(at) lastAt
       FROM errors WHERE run_id = ? GROUP BY kind, COALESCE(label, '') ORDER BY count DESC`,
    )
    .all(runId)
  return rows.map((r) => ({ ...r, title: kindInfo[r.kind].title, hint: kindInfo[r.kind].hint }))
}
