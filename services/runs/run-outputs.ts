import type { RunEvent, RunEventBus } from '../testing/events'

/**
 * Something a run feeds (k6's outputs): the SQLite writer, the live feed, the CLI's progress,
 * metrics exporters. Each is given every event in order, and stopped once, after the run's
 * terminal status (docs/architecture.md#run-model).
 */
export type RunOutput = {
  onEvent?(e: RunEvent): void
  /** The run has ended: flush, close, print the last line. */
  stop?(): void
}

/** Starts the outputs on the run's bus; `stop` ends them in the order given. */
export function startOutputs(bus: RunEventBus, outputs: readonly RunOutput[]) {
  const listener = (e: RunEvent) => {
    for (const o of outputs) o.onEvent?.(e)
  }
  bus.on('event', listener)
  let stopped = false
  return {
    stop() {
      if (stopped) return
      stopped = true
      bus.off('event', listener)
      for (const o of outputs) o.stop?.()
    },
  }
}
