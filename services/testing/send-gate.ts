export type SendGate = {
  shared<T>(fn: () => Promise<T>): Promise<T>
  exclusive<T>(fn: () => Promise<T>): Promise<T>
  readonly active: number
}

/**
 * Sends share the gate; mining takes it alone. Anvil 1.7.1 can strand a future-nonce tx in
 * `queued` when a block is mined while submissions are being processed
 * (docs/anvil.md#mining-during-sends), so in engine-driven mining no block is mined while a send
 * request is out.
 */
export function createSendGate(): SendGate {
  let active = 0
  let exclusive: Promise<void> | undefined
  let idleWaiters: (() => void)[] = []

  const release = () => {
    active--
    if (active === 0) {
      const waiters = idleWaiters
      idleWaiters = []
      for (const w of waiters) w()
    }
  }

  return {
    async shared<T>(fn: () => Promise<T>): Promise<T> {
      while (exclusive) await exclusive
      active++
      try {
        return await fn()
      } finally {
        release()
      }
    },
    async exclusive<T>(fn: () => Promise<T>): Promise<T> {
      while (exclusive) await exclusive
      let done!: () => void
      exclusive = new Promise<void>((r) => {
        done = r
      })
      try {
        if (active > 0) await new Promise<void>((r) => idleWaiters.push(r))
        return await fn()
      } finally {
        exclusive = undefined
        done()
      }
    },
    get active() {
      return active
    },
  }
}
