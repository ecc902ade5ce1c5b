import type { Address } from 'viem'

/**
 * Round-robin over the senders, skipping those that may not take another tx right now
 * (the accounts issue adds random and least-pending).
 */
export function createRotation(senders: readonly Address[]) {
  let cursor = 0
  return {
    pick(available: (a: Address) => boolean): Address | undefined {
      for (let i = 0; i < senders.length; i++) {
        const a = senders[(cursor + i) % senders.length] as Address
        if (available(a)) {
          cursor = (cursor + i + 1) % senders.length
          return a
        }
      }
      return undefined
    },
  }
}
