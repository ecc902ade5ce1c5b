import type { Address } from 'viem'

export type NonceManagerParameters = {
  /** The account's next nonce counting pending transactions (`eth_getTransactionCount(…, 'pending')`). */
  fetchPending: (address: Address) => Promise<number>
}

type AccountNonces = { next: number; free: number[] }

/**
 * One local counter per account, read from the chain once and advanced locally (DESIGN.md §3).
 * A nonce whose send failed without being used is released and handed out again before any new
 * one, so no account is left stuck behind a gap.
 */
export function createNonceManager({ fetchPending }: NonceManagerParameters) {
  const accounts = new Map<string, AccountNonces>()
  const key = (a: Address) => a.toLowerCase()
  const state = (a: Address) => {
    const s = accounts.get(key(a))
    if (!s) throw new Error(`nonce manager: ${a} was not initialised`)
    return s
  }

  return {
    async init(addresses: readonly Address[]) {
      const nonces = await Promise.all(addresses.map((a) => fetchPending(a)))
      addresses.forEach((a, i) => {
        accounts.set(key(a), { next: nonces[i] ?? 0, free: [] })
      })
    },
    has(address: Address) {
      return accounts.has(key(address))
    },
    /** The nonce for the account's next transaction: a released one first, else a new one. */
    take(address: Address): number {
      const s = state(address)
      if (s.free.length) return s.free.shift() as number
      return s.next++
    },
    /** A nonce that was never used on chain (send refused for good, or tx cancelled before sending). */
    release(address: Address, nonce: number) {
      const s = state(address)
      if (nonce >= s.next || s.free.includes(nonce)) return
      s.free.push(nonce)
      s.free.sort((a, b) => a - b)
      // Released nonces at the top are no gap: just lower the counter.
      while (s.free.length && s.free[s.free.length - 1] === s.next - 1) {
        s.free.pop()
        s.next--
      }
    },
    /**
     * After an error that says the local view is wrong: trust the chain for what it has seen, keep
     * local nonces above it (they are ours, in flight).
     */
    async resync(address: Address) {
      const s = state(address)
      const pending = await fetchPending(address)
      s.free = s.free.filter((n) => n >= pending)
      if (pending > s.next) s.next = pending
    },
    /** Released nonces below the counter: holes that must be filled if no tx takes them. */
    gaps(address: Address): readonly number[] {
      return state(address).free
    },
    peekNext(address: Address) {
      return state(address).next
    },
    addresses(): Address[] {
      return [...accounts.keys()] as Address[]
    },
  }
}

export type NonceManager = ReturnType<typeof createNonceManager>
