import type { Address } from 'viem'
import type { TestConfig } from '../config/schema'

export type Rotation = { pick(available: (a: Address) => boolean): Address | undefined }

/**
 * How the sender of the next tx is chosen, among those that may take one now:
 * round-robin (even shares), random (uneven, like real traffic), or least-pending (the account
 * with the fewest txs in flight: keeps slow accounts from piling up).
 */
export function createRotation(
  senders: readonly Address[],
  strategy: TestConfig['rotation'],
  inFlight: (a: Address) => number,
  random: () => number = Math.random,
): Rotation {
  let cursor = 0
  const roundRobin = (available: (a: Address) => boolean) => {
    for (let i = 0; i < senders.length; i++) {
      const a = senders[(cursor + i) % senders.length] as Address
      if (available(a)) {
        cursor = (cursor + i + 1) % senders.length
        return a
      }
    }
    return undefined
  }
  if (strategy === 'round-robin') return { pick: roundRobin }
  if (strategy === 'random')
    return {
      pick(available) {
        const start = Math.floor(random() * senders.length)
        for (let i = 0; i < senders.length; i++) {
          const a = senders[(start + i) % senders.length] as Address
          if (available(a)) return a
        }
        return undefined
      },
    }
  return {
    pick(available) {
      // Ties go round-robin so equal accounts share the load.
      let best: Address | undefined
      let bestLoad = Number.POSITIVE_INFINITY
      for (let i = 0; i < senders.length; i++) {
        const a = senders[(cursor + i) % senders.length] as Address
        if (!available(a)) continue
        const load = inFlight(a)
        if (load < bestLoad) {
          best = a
          bestLoad = load
          if (load === 0) break
        }
      }
      if (best) cursor = (senders.indexOf(best) + 1) % senders.length
      return best
    },
  }
}
