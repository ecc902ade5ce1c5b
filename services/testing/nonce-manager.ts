import type { Address } from 'viem'

export type NonceManagerParameters = {
  /** The account's next nonce counting pending transactions (`eth_getTransactionCount(…, 'pending')`). */
  fetchPending: (address: Address) => Promise<number>
}

type AccountNonces = { next: number; free: number[] }

export type NonceManager = {
  init(addresses: readonly Address[]): Promise<void>
  has(address: Address): boolean
  /** The nonce for the account's next transaction: a released one first, else a new one. */
  take(address: Address): number
  /**
   * Two nonces in a row (n, n+1), for a tx whose sender authorizes itself in it (EIP-7702: the
   * authorization's nonce is the tx's + 1). Released ones only when a pair of them is free.
   */
  takePair(address: Address): [number, number]
  /** A nonce that was never used on chain (send refused for good, or tx cancelled before sending). */
  release(address: Address, nonce: number): void
  /**
   * After an error that says the local view is wrong: trust the chain for what it has seen, keep
   * local nonces above it (they are ours, in flight).
   */
  resync(address: Address): Promise<void>
  /** Released nonces below the counter: holes that must be filled if no tx takes them. */
  gaps(address: Address): readonly number[]
  peekNext(address: Address): number
  addresses(): Address[]
}

/**
 * One local counter per account, read from the chain once and advanced locally (docs/architecture.md#nonces).
 * A nonce whose send failed without being used is released and handed out again before any new
 * one, so no account is left stuck behind a gap.
 */
export function createNonceManager({ fetchPending }: NonceManagerParameters): NonceManager {
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
    take(address: Address): number {
      const s = state(address)
      if (s.free.length) return s.free.shift() as number
      return s.next++
    },
    takePair(address: Address): [number, number] {
      const s = state(address)
      // (A released nonce is never the counter's last: release lowers the counter instead.)
      const at = s.free.findIndex((n, i) => s.free[i + 1] === n + 1)
      if (at === -1) {
        s.next += 2
        return [s.next - 2, s.next - 1]
      }
      const [n] = s.free.splice(at, 2) as [number, number]
      return [n, n + 1]
    },
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
    async resync(address: Address) {
      const s = state(address)
      const pending = await fetchPending(address)
      s.free = s.free.filter((n) => n >= pending)
      if (pending > s.next) s.next = pending
    },
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
