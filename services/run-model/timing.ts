import { isTerminalStatus, type RunStatus } from './status'

/**
 * When a run started, paused and ended: the one owner of a run's clock, read from its status
 * events (docs/metrics.md#timing). `startedAt` is the engine's first status (it began preparing),
 * so a resume never restarts it.
 */
export type RunTiming = {
  startedAt: number | null
  /** When sending began (the first "running"). */
  sendingAt: number | null
  endedAt: number | null
  /** Time spent paused by the user, over the spans that ended. */
  pausedMs: number
  /** The start of the pause in progress; null when not paused. */
  pausedSince: number | null
}

export const newTiming = (): RunTiming => ({
  startedAt: null,
  sendingAt: null,
  endedAt: null,
  pausedMs: 0,
  pausedSince: null,
})

/** One status event: the timing after it (mutates `t`, which it returns). */
export function timingOn(t: RunTiming, status: RunStatus, at: number): RunTiming {
  if (t.endedAt !== null) return t
  if (status !== 'pending') t.startedAt ??= at
  if (status === 'running') t.sendingAt ??= at
  if (status === 'paused') t.pausedSince ??= at
  else if (t.pausedSince !== null) {
    t.pausedMs += at - t.pausedSince
    t.pausedSince = null
  }
  if (isTerminalStatus(status)) t.endedAt = at
  return t
}

/** Wall time from the start to the end (or to `now` while it runs); 0 before it started. */
export function elapsedMs(t: RunTiming, now: number): number {
  return t.startedAt === null ? 0 : Math.max(0, (t.endedAt ?? now) - t.startedAt)
}

/** Time paused by the user, the pause in progress included. */
export function pausedMsOf(t: RunTiming, now: number): number {
  return t.pausedMs + (t.pausedSince === null ? 0 : Math.max(0, (t.endedAt ?? now) - t.pausedSince))
}
