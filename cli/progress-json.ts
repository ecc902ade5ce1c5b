import type { MetricsSnapshot } from '../services/metrics/aggregator'
import type { RunEventBus } from '../services/testing/events'
import { terminalTotal } from '../services/testing/ledger'

/** Bumped only when a field changes meaning or goes away; new fields may appear (docs/metrics.md#progress-json). */
export const progressJsonVersion = 1

/** How often a `progress` line is printed. */
export const progressJsonEveryMs = 1_000

/** One line of `--progress json`: the run as it stands, every figure from the run's own metrics. */
export type ProgressRecord = {
  v: typeof progressJsonVersion
  /** `progress` each second; `end` once, after the run, with the figures of its report. */
  type: 'progress' | 'end'
  runId: string
  at: string
  elapsedMs: number
  status: MetricsSnapshot['status']
  counts: MetricsSnapshot['counts']
  /** Planned txs that reached a terminal state. */
  settled: number
  inFlight: number
  throughput: MetricsSnapshot['throughput']
  latencyMs: MetricsSnapshot['latencyMs']
  submitRttMs: MetricsSnapshot['submitRttMs']
  /** The newest block the run read, and the blocks it read so far. */
  block: { number: number | null; count: number; ourTxs: number; avgFullness: number | null }
  /** Failed attempts so far, retried ones included (the report's `errors[]` counts summed). */
  errors: number
}

export function progressRecord(
  type: ProgressRecord['type'],
  runId: string,
  s: MetricsSnapshot,
  elapsedMs: number,
  head: number | null,
  now = Date.now(),
): ProgressRecord {
  return {
    v: progressJsonVersion,
    type,
    runId,
    at: new Date(now).toISOString(),
    elapsedMs,
    status: s.status,
    counts: s.counts,
    settled: terminalTotal(s.counts),
    inFlight: s.counts.signed + s.counts.submitted,
    throughput: s.throughput,
    latencyMs: s.latencyMs,
    submitRttMs: s.submitRttMs,
    block: { number: head, count: s.blocks.count, ourTxs: s.blocks.ourTxs, avgFullness: s.blocks.avgFullness },
    errors: s.errors.reduce((sum, g) => sum + g.count, 0),
  }
}

/**
 * Prints one JSON line per second to `out` (stdout: the summary goes to stderr in this mode);
 * the returned function prints the `end` line, from the snapshot the report was made of.
 */
export function startJsonProgress(
  runId: string,
  bus: RunEventBus,
  snapshot: () => MetricsSnapshot,
  out: NodeJS.WritableStream = process.stdout,
) {
  const started = Date.now()
  let head: number | null = null
  bus.on('event', (e) => {
    if (e.type === 'block') head = Number(e.number)
  })
  const print = (type: ProgressRecord['type']) =>
    out.write(`${JSON.stringify(progressRecord(type, runId, snapshot(), Date.now() - started, head))}\n`)
  const timer = setInterval(() => print('progress'), progressJsonEveryMs)
  return () => {
    clearInterval(timer)
    print('end')
  }
}
