export type ControlState = 'running' | 'paused' | 'stopping'

/** Pause stops new sends at once; stop cancels what was not sent. In-flight txs keep being tracked. */
export function createRunControl() {
  let state: ControlState = 'running'
  let waiters: (() => void)[] = []
  const wake = () => {
    const w = waiters
    waiters = []
    for (const fn of w) fn()
  }
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
        wake()
      }
    },
    stop() {
      state = 'stopping'
      wake()
    },
    /** Resolves when sending may go on (or the run is stopping). */
    async whileRunnable(): Promise<void> {
      while (state === 'paused') await new Promise<void>((r) => waiters.push(r))
    },
    /** Sleeps up to ms, waking early on stop. */
    sleep(ms: number): Promise<void> {
      if (ms <= 0 || state === 'stopping') return Promise.resolve()
      return new Promise((resolve) => {
        const t = setTimeout(done, ms)
        waiters.push(done)
        function done() {
          clearTimeout(t)
          resolve()
        }
      })
    },
  }
}

export type RunControl = ReturnType<typeof createRunControl>
