import { shareableConfig } from '../config/parse'
import type { TestConfigInput } from '../config/schema'
import type { RunReport } from '../metrics/report'
import { emptyCounts } from '../run-model/counts'
import type { RunSnapshot } from '../run-model/model'
import type { RunStatus } from '../run-model/status'
import type { RunRow } from '../store/runs-repo'
import type { RunSummary } from './types'

/** A stored run as the API shows it: the report when it has one, else what the row knows. */
export function summaryFromRow(row: RunRow): RunSummary {
  const report = row.report_json ? (JSON.parse(row.report_json) as RunReport) : undefined
  const error = row.error_json ? (JSON.parse(row.error_json) as RunSummary['error']) : null
  return {
    id: row.id,
    name: row.name,
    status: row.status as RunStatus,
    config: shareableConfig(JSON.parse(row.config_json) as TestConfigInput),
    counts: report?.counts ?? emptyCounts(row.planned),
    senders: report?.accounts.length ?? null,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationMs: report?.durationMs ?? (row.ended_at && row.started_at ? row.ended_at - row.started_at : null),
    mining: row.mining,
    chainId: row.chain_id,
    throughput: report?.throughput ?? { sentPerSec: 0, minedPerSec: 0 },
    latencyMs: report?.latencyMs ?? { p50: null, p95: null, p99: null },
    limit: report?.limit ?? null,
    reported: report !== undefined,
    error,
  }
}

/** A run in progress: the row plus the live metrics. */
export function summaryLive(row: RunRow, snap: RunSnapshot): RunSummary {
  return {
    ...summaryFromRow(row),
    status: snap.status,
    counts: snap.counts,
    // The run model's clock: the run page's elapsed and this are one number.
    startedAt: snap.startedAt,
    durationMs: snap.startedAt === null ? null : snap.elapsedMs,
    throughput: snap.throughput,
    latencyMs: snap.latencyMs,
  }
}
