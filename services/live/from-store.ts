import { labelCountsOfReport } from '../metrics/label-counts'
import type { RunReport } from '../metrics/report'
import type { RunStatus } from '../run-model/status'
import type { Db } from '../store/db'
import { replayRun } from '../store/replay-events'
import { loadTimeline } from '../store/run-timeline'
import type { RunRow } from '../store/runs-repo'
import { type TxDbRow, txColumns, txRowFromDb } from '../store/tx-rows'
import { liveEndedRows } from './feed'
import type { ResetFrame, TxRow } from './frames'
import { liveStats } from './stats'

/**
 * A run that is no longer live, drawn from what SQLite kept: the same reset a live client gets,
 * so a reload after the run (or after a server restart) shows the whole history. Its numbers are
 * the run model's: its report (the model's end state) where there is one, else a replay of its
 * stored events (docs/architecture.md#run-model).
 */
export function resetFromStore(db: Db, run: RunRow): { frame: ResetFrame; rows: TxRow[] } {
  const { series, blocks, markers } = loadTimeline(db, run.id)
  // The newest rows, as a live reset carries (feed.ts): the page pages older ones from the store.
  const rows = newestRows(db, run.id, liveEndedRows)
  const txTotal = (db.prepare('SELECT COUNT(*) n FROM txs WHERE run_id = ?').get(run.id) as { n: number }).n
  const report = run.report_json ? (JSON.parse(run.report_json) as RunReport) : undefined
  const numbers = report ? fromReport(report) : fromReplay(db, run)
  const stats = liveStats({
    ...numbers,
    status: run.status as RunStatus,
    mining: run.mining,
    now: run.ended_at ?? Date.now(),
    series,
    lastBlock: blocks.at(-1) ?? null,
    // Reports from before thresholds existed have none.
    thresholds: report?.thresholds?.length ? report.thresholds : undefined,
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
    errors: numbers.errors,
    txCount: rows.length,
    txTotal,
  }
  return { frame, rows }
}

function fromReport(r: RunReport) {
  const startedAt = Date.parse(r.startedAt)
  return {
    counts: r.counts,
    throughput: r.throughput,
    latencyMs: r.latencyMs,
    startedAt,
    endedAt: Date.parse(r.endedAt),
    // Reports from before pauses were kept have none.
    pausedMs: r.pausedMs ?? 0,
    errors: r.errors,
    byLabel: r.functions ? labelCountsOfReport(r.functions) : undefined,
  }
}

function fromReplay(db: Db, run: RunRow) {
  const { snapshot, byLabel } = replayRun(db, run)
  return { ...snapshot, byLabel }
}

/** The `limit` highest-idx rows of a run, in idx order. */
function newestRows(db: Db, runId: string, limit: number): TxRow[] {
  return db
    .prepare<[string, number], TxDbRow>(
      `SELECT * FROM (SELECT ${txColumns} FROM txs WHERE run_id = ? ORDER BY idx DESC LIMIT ?) AS newest ORDER BY idx`,
    )
    .all(runId, limit)
    .map(txRowFromDb)
}
