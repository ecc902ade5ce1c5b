import { createNotifier } from './notifier'

export type ControlState = 'running' | 'paused' | 'stopping'

/**
 * Pause stops new sends at once; stop cancels what was not sent. In-flight txs keep being
 * tracked. A hold is the engine's own pause (the node is unreachable): it does not undo, and is
 * not undone by, the user's pause.
 */
export function createRunControl() {
  let stopping = false
  let paused = false
  let held = false
  const changed = createNotifier()
  const state = (): ControlState => (stopping ? 'stopping' : paused || held ? 'paused' : 'running')
  return {
    get state() {
      return state()
    },
    get stopping() {
      return stopping
    },
    get userPaused() {
      return paused
    },
    pause() {
      if (!stopping) paused = true
    },
    resume() {
      if (!paused) return
      paused = false
      changed.notify()
    },
    hold() {
      held = true
    },
    release() {
      held = false
      changed.notify()
    },
    stop() {
      stopping = true
      changed.notify()
    },
    /** Resolves when sending may go on (or the run is stopping). */
    async whileRunnable(): Promise<void> {
      while (state() === 'paused') await changed.wait(60_000)
    },
    /** Sleeps up to ms, waking early on stop or resume. */
    sleep(ms: number): Promise<void> {
      if (ms <= 0 || stopping) return Promise.resolve()
      return changed.wait(ms)
    },
  }
}

export type RunControl = ReturnType<typeof createRunControl>
