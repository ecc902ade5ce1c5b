import { terminalTotal } from '../services/run-model/counts'
import type { RunSnapshot } from '../services/run-model/model'
import type { RunOutput } from '../services/runs/run-outputs'

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
  status: RunSnapshot['status']
  counts: RunSnapshot['counts']
  /** Planned txs that reached a terminal state. */
  settled: number
  inFlight: number
  throughput: RunSnapshot['throughput']
  latencyMs: RunSnapshot['latencyMs']
  submitRttMs: RunSnapshot['submitRttMs']
  /** The newest block the run read, and the blocks it read so far. */
  block: { number: number | null; count: number; ourTxs: number; avgFullness: number | null }
  /** Failed attempts so far, retried ones included (the report's `errors[]` counts summed). */
  errors: number
}

export function progressRecord(
  type: ProgressRecord['type'],
  runId: string,
  s: RunSnapshot,
  head: number | null,
  now = Date.now(),
): ProgressRecord {
  return {
    v: progressJsonVersion,
    type,
    runId,
    at: new Date(now).toISOString(),
    // The run model's clock, as the report's duration.
    elapsedMs: s.elapsedMs,
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
 * An output of the run: one JSON line per second to `out` (stdout: the summary goes to stderr in
 * this mode); when the run stops, the `end` line, from the snapshot the report was made of.
 */
export function jsonProgressOutput(
  runId: string,
  snapshot: () => RunSnapshot,
  out: NodeJS.WritableStream = process.stdout,
): RunOutput {
  let head: number | null = null
  const print = (type: ProgressRecord['type']) =>
    out.write(`${JSON.stringify(progressRecord(type, runId, snapshot(), head))}\n`)
  const timer = setInterval(() => print('progress'), progressJsonEveryMs)
  return {
    onEvent(e) {
      if (e.type === 'block') head = Number(e.number)
    },
    stop() {
      clearInterval(timer)
      print('end')
    },
  }
}
