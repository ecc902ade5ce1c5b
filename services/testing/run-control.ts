import { createNotifier } from './notifier'

export type ControlState = 'running' | 'paused' | 'stopping'

/** Pause stops new sends at once; stop cancels what was not sent. In-flight txs keep being tracked. */
export function createRunControl() {
  let state: ControlState = 'running'
  const changed = createNotifier()
  return {
    get state() {
      return state
    },
    get stopping() {
      return state === 'stopping'
    },
    pause() {
      if (state === 'running') state = 'paused'
    },
    resume() {
      if (state === 'paused') {
        state = 'running'
        changed.notify()
      }
    },
    stop() {
      state = 'stopping'
      changed.notify()
    },
    /** Resolves when sending may go on (or the run is stopping). */
    async whileRunnable(): Promise<void> {
      while (state === 'paused') await changed.wait(60_000)
    },
    /** Sleeps up to ms, waking early on stop or resume. */
    sleep(ms: number): Promise<void> {
      if (ms <= 0 || state === 'stopping') return Promise.resolve()
      return changed.wait(ms)
    },
  }
}

export type RunControl = ReturnType<typeof createRunControl>
