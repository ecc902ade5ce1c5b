export type Notifier = {
  notify(): void
  wait(timeoutMs: number): Promise<void>
}

/** "Something changed": lets a loop sleep until progress or a timeout, whichever comes first. */
export function createNotifier(): Notifier {
  let waiters: (() => void)[] = []
  return {
    notify() {
      if (!waiters.length) return
      const w = waiters
      waiters = []
      for (const fn of w) fn()
    },
    wait(timeoutMs: number): Promise<void> {
      return new Promise((resolve) => {
        const t = setTimeout(done, timeoutMs)
        waiters.push(done)
        function done() {
          clearTimeout(t)
          resolve()
        }
      })
    },
  }
}
