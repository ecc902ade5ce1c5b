import type { Address } from 'viem'
import type { Connection } from '../chain/connection'
import type { RunEventBus } from '../testing/events'
import type { LowBalanceWarner } from './low-balance-warning'

export type AccountState = {
  address: Address
  balanceWei: bigint
  /** The engine's next nonce for the account. */
  localNonce: number
  /** `eth_getTransactionCount(latest)`: txs of the account that are mined. */
  onChainNonce: number
  inFlight: number
  low: boolean
  lastError: string | null
}

export type BalanceMonitorParameters = {
  conn: Connection
  bus: RunEventBus
  senders: readonly Address[]
  lowBelow: (address: Address) => bigint
  localNonce: (address: Address) => number
  inFlight: (address: Address) => number
  lastError: (address: Address) => string | null
  /** Shared with the dispatcher: one warning per account, whoever notices first. */
  lowBalance: LowBalanceWarner
  /** When set, a low account is refilled before it runs dry. */
  topUp?: (address: Address) => Promise<void>
  everyMs?: number
}

/**
 * Reads every sender's balance and mined nonce (batched) about once a second, emits them as an
 * `accounts` event, warns when an account gets low and, with top-up on, refills it.
 */
export function startBalanceMonitor(p: BalanceMonitorParameters) {
  let reading: Promise<void> | undefined

  async function read(): Promise<AccountState[]> {
    const [balances, nonces] = await Promise.all([
      Promise.all(p.senders.map((a) => p.conn.request('eth_getBalance', [a, 'latest']))),
      Promise.all(p.senders.map((a) => p.conn.request('eth_getTransactionCount', [a, 'latest']))),
    ])
    const states = p.senders.map((address, i) => {
      const balanceWei = BigInt(balances[i] ?? '0x0')
      return {
        address,
        balanceWei,
        localNonce: p.localNonce(address),
        onChainNonce: Number(BigInt(nonces[i] ?? '0x0')),
        inFlight: p.inFlight(address),
        low: balanceWei < p.lowBelow(address),
        lastError: p.lastError(address),
      }
    })
    for (const s of states) {
      if (!s.low) continue
      p.lowBalance.warn(s.address)
      if (p.topUp) void p.topUp(s.address).catch((e) => warnTopUpFailed(s.address, e))
    }
    p.bus.emit('event', { type: 'accounts', at: Date.now(), accounts: states })
    return states
  }

  function warnTopUpFailed(address: Address, e: unknown) {
    p.bus.emit('event', {
      type: 'warning',
      at: Date.now(),
      code: 'top-up-failed',
      message: `Could not top up ${address}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      hint: 'Check the funder (funderKey) has ETH to spare.',
    })
  }

  const tick = () => {
    if (reading) return
    reading = read()
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => {
        reading = undefined
      })
  }
  const timer = setInterval(tick, p.everyMs ?? 1_000)
  tick()
  return {
    /** One last reading (end of run), after any under way. */
    async final(): Promise<AccountState[]> {
      clearInterval(timer)
      while (reading) await reading
      return read()
    },
    stop() {
      clearInterval(timer)
    },
  }
}
