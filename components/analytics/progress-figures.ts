import type { BlockPoint, LiveStats, Percentiles } from '@/services/live/frames'
import { reachedNodeTotal, successPct, type TxCounts, terminalTotal } from '@/services/run-model/counts'
import type { RunStatus, RunSummary } from '@/services/runs/types'
import { isTerminal } from '../run-status'

export type ProgressFigures = {
  status: RunStatus
  terminal: boolean
  /** Txs that reached a terminal state, and that as a share of the plan (0–100). */
  finished: number
  pct: number
  /** Every tx the node accepted at some point: mined + reverted + still pending + dropped + unconfirmed. */
  reached: number
  /** Signed and waiting to be sent, or in the node's pool. */
  inFlight: number
  elapsedMs: number | null
  etaSec: number | null
  /** Recent pace while running; the whole run's average once it ended (recent decays to zero). */
  rates: { sent: number; mined: number; window: 'recent' | 'average' }
  latency: Percentiles
  successPct: number | null
  block: BlockPoint | null
  gasPct: number | null
  mining: string | null
}

/**
 * The numbers of the progress panel. The stream's stats when there are some, the polled run
 * summary before the first frame (the server render, a stream that is not up yet).
 */
export function progressFigures(run: RunSummary, stats: LiveStats | null, counts: TxCounts): ProgressFigures {
  // A finished run as polled is final; otherwise the stream is the fresher of the two.
  const status = isTerminal(run.status) ? run.status : (stats?.status ?? run.status)
  const terminal = isTerminal(status)
  const finished = terminalTotal(counts)
  const startedAt = stats?.startedAt ?? null
  const elapsedMs = stats
    ? startedAt == null
      ? null
      : Math.max(0, (stats.endedAt ?? stats.now) - startedAt)
    : run.durationMs
  const pace = stats ? (terminal ? stats.throughput : stats.recent) : run.throughput
  const block = stats?.lastBlock ?? null
  return {
    status,
    terminal,
    finished,
    pct: counts.planned > 0 ? Math.min(100, (finished / counts.planned) * 100) : 0,
    reached: reachedNodeTotal(counts),
    inFlight: counts.signed + counts.submitted,
    elapsedMs,
    etaSec: terminal ? null : (stats?.etaSec ?? null),
    rates: { sent: pace.sentPerSec, mined: pace.minedPerSec, window: stats && !terminal ? 'recent' : 'average' },
    latency: stats?.latencyMs ?? run.latencyMs,
    successPct: stats?.successPct ?? successPct(counts),
    block,
    gasPct: block && block.gasLimit > 0 ? (block.gasUsed / block.gasLimit) * 100 : null,
    mining: stats?.mining ?? run.mining,
  }
}
