import type { RunReport } from '../metrics/report'
import { type RunStatus, sendingStatuses, terminalStatuses } from '../run-model/status'
import type { RunEventBus } from '../testing/events'
import { describeVerdict, evaluateFinal, evaluateLive, type ThresholdVerdict } from './evaluate'
import type { ThresholdNumbers } from './metrics'
import type { ThresholdSpec } from './schema'

export type ThresholdWatchOptions = {
  thresholds: readonly ThresholdSpec[] | undefined
  bus: RunEventBus
  /** The run's own stop: controls never reach into the executor (docs/architecture.md#one-way-data-flow). */
  stop: () => void
  /** The run model's numbers now. */
  snapshot: () => ThresholdNumbers & { status: RunStatus }
  everyMs?: number
}

/** How often a run's thresholds are checked while it runs. */
export const thresholdTickMs = 1_000

/** A run's thresholds and their verdicts (createThresholdWatch). */
export type ThresholdWatch = {
  /**
   * The verdicts for these numbers: final ones once the status is terminal, else live ones, the
   * first definite failure of an abortOnFail threshold (while sending) stopping the run.
   */
  check: (n: ThresholdNumbers & { status: RunStatus }) => ThresholdVerdict[]
  /** The verdicts of the latest tick; undefined when the config has none (the page shows no badges). */
  latest: () => ThresholdVerdict[] | undefined
  /** The run ended: no more ticks, and the verdicts are the final ones (its status is terminal). */
  close(): void
  /** The verdict that stopped the run, as it stood at that moment. */
  readonly abortedBy: ThresholdVerdict | null
  /** The report's threshold fields, from the run's final numbers. */
  report(n: ThresholdNumbers): Pick<RunReport, 'thresholds' | 'thresholdsOk' | 'thresholdAbort'>
}

/**
 * A run's thresholds, checked on the run model's own one-second tick (not by an output: the live
 * feed and the CLI only read the latest verdicts). The first definite failure of an abortOnFail
 * threshold is announced (a `threshold-abort` warning naming it) and stops the run.
 */
export function createThresholdWatch(o: ThresholdWatchOptions): ThresholdWatch {
  const thresholds = o.thresholds ?? []
  let abortedBy: ThresholdVerdict | null = null
  let latest: ThresholdVerdict[] | undefined

  function check(n: ThresholdNumbers & { status: RunStatus }): ThresholdVerdict[] {
    if (terminalStatuses.has(n.status)) return evaluateFinal(thresholds, n)
    const verdicts = evaluateLive(thresholds, n)
    if (!abortedBy && sendingStatuses.has(n.status)) {
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

  // Nothing to check, nothing to tick.
  const timer = thresholds.length
    ? setInterval(() => (latest = check(o.snapshot())), o.everyMs ?? thresholdTickMs)
    : undefined
  timer?.unref()

  return {
    check,
    latest: (): ThresholdVerdict[] | undefined => latest,
    close() {
      clearInterval(timer)
      if (thresholds.length) latest = check(o.snapshot())
    },
    get abortedBy(): ThresholdVerdict | null {
      return abortedBy
    },
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
