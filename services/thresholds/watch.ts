import type { MetricsSnapshot } from '../metrics/aggregator'
import type { RunReport } from '../metrics/report'
import { type RunEventBus, type RunStatus, terminalStatuses } from '../testing/events'
import { describeVerdict, evaluateFinal, evaluateLive, type ThresholdVerdict } from './evaluate'
import type { ThresholdNumbers } from './metrics'
import type { ThresholdSpec } from './schema'

/** Stopping only helps while there is something left to send (not while preparing or draining). */
const sending: ReadonlySet<RunStatus> = new Set(['running', 'paused', 'waiting-for-node'])

export type ThresholdWatchOptions = {
  thresholds: readonly ThresholdSpec[] | undefined
  bus: RunEventBus
  /** The run's own stop (DESIGN.md: controls go through the run's API, never into the executor). */
  stop: () => void
}

/**
 * A run's thresholds, checked each time its numbers are read — the live feed reads them once a
 * second, so the badges and the abort share one snapshot. The first definite failure of an
 * abortOnFail threshold is announced (a `threshold-abort` warning naming it) and stops the run.
 */
export function createThresholdWatch(o: ThresholdWatchOptions) {
  const thresholds = o.thresholds ?? []
  let abortedBy: ThresholdVerdict | null = null

  function check(n: ThresholdNumbers & { status: RunStatus }): ThresholdVerdict[] {
    if (terminalStatuses.has(n.status)) return evaluateFinal(thresholds, n)
    const verdicts = evaluateLive(thresholds, n)
    if (!abortedBy && sending.has(n.status)) {
      const failed = verdicts.find((v) => v.abortOnFail && v.ok === false && v.definite)
      if (failed) {
        abortedBy = failed
        o.bus.emit('event', {
          type: 'warning',
          at: Date.now(),
          code: 'threshold-abort',
          message: `Threshold "${failed.name}" failed (${describeVerdict(failed)}): stopping the run`,
          hint: 'It has abortOnFail: unsent txs are cancelled, in-flight ones are followed to the end.',
        })
        o.stop()
      }
    }
    return verdicts
  }

  return {
    check,
    /** For the live feed: absent when the config has no thresholds (the page shows no badges). */
    live: thresholds.length ? (snap: MetricsSnapshot) => check(snap) : undefined,
    /** The verdict that stopped the run, as it stood at that moment. */
    get abortedBy(): ThresholdVerdict | null {
      return abortedBy
    },
    /** The report's threshold fields, from the run's final numbers. */
    report(n: ThresholdNumbers): Pick<RunReport, 'thresholds' | 'thresholdsOk' | 'thresholdAbort'> {
      const verdicts = evaluateFinal(thresholds, n)
      return {
        thresholds: verdicts,
        thresholdsOk: !abortedBy && verdicts.every((v) => v.ok),
        thresholdAbort: abortedBy,
      }
    },
  }
}

export type ThresholdWatch = ReturnType<typeof createThresholdWatch>
