import { createNotifier } from './notifier'

export type ControlState = 'running' | 'paused' | 'stopping'

/** What the user asked of the run; the engine answers with a status event once it has acted. */
export type ControlRequest = 'pause' | 'resume' | 'stop'

export type RunControl = {
  readonly state: ControlState
  readonly stopping: boolean
  readonly userPaused: boolean
  /** Returns whether it was taken (not while stopping, not twice). */
  pause(): boolean
  resume(): boolean
  /** The engine's ear: called after each request has changed the state. */
  onRequest(listener: (r: ControlRequest) => void): () => void
  hold(): void
  release(): void
  stop(): void
  /** Resolves once the user's pause is lifted (or the run is stopping): the gate of every send. */
  untilUnpaused(): Promise<void>
  /** Resolves when sending may go on (or the run is stopping). */
  whileRunnable(): Promise<void>
  /** Sleeps up to ms, waking early on stop or resume. */
  sleep(ms: number): Promise<void>
}

/**
 * Pause stops new sends at once (every send waits at the dispatcher while it holds); stop cancels
 * what was not sent. In-flight txs keep being tracked. A hold is the engine's own pause (the node
 * is unreachable): it does not undo, and is not undone by, the user's pause. Controls are requests:
 * the engine listens (`onRequest`) and announces the status (docs/architecture.md#run-control).
 */
export function createRunControl(): RunControl {
  let stopping = false
  let paused = false
  let held = false
  const changed = createNotifier()
  const listeners = new Set<(r: ControlRequest) => void>()
  const request = (r: ControlRequest) => {
    changed.notify()
    for (const l of listeners) l(r)
  }
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
    pause(): boolean {
      if (stopping || paused) return false
      paused = true
      request('pause')
      return true
    },
    resume(): boolean {
      if (!paused) return false
      paused = false
      request('resume')
      return true
    },
    onRequest(listener: (r: ControlRequest) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    hold() {
      held = true
    },
    release() {
      held = false
      changed.notify()
    },
    stop() {
      if (stopping) return
      stopping = true
      request('stop')
    },
    async untilUnpaused(): Promise<void> {
      while (paused && !stopping) await changed.wait(60_000)
    },
    async whileRunnable(): Promise<void> {
      while (state() === 'paused') await changed.wait(60_000)
    },
    sleep(ms: number): Promise<void> {
      if (ms <= 0 || stopping) return Promise.resolve()
      return changed.wait(ms)
    },
  }
}
