import { type Address, formatEther } from 'viem'
import type { RunEventBus } from '../testing/events'

export const lowBalanceCode = 'low-balance'

export type LowBalanceWarnerParameters = {
  bus: RunEventBus
  /** Worst-case wei one tx of the run can cost (gas limit × max fee + value). */
  perTxWei: bigint
  /** What an account needs for its share of the run. */
  need: (address: Address) => bigint
  /** Top-up is on: the account is refilled, nothing for the user to do. */
  topUp: boolean
}

export type LowBalanceWarner = {
  /** Warns about this account unless it was already warned about in this run. */
  warn(address: Address): void
}

/**
 * The one `low-balance` warning per account per run (docs/config.md#senders-and-funding). Two paths notice a
 * low account — the balance monitor's reading and the node refusing a tx for "insufficient
 * funds" — and whichever comes first must not decide what the report says.
 */
export function createLowBalanceWarner(p: LowBalanceWarnerParameters): LowBalanceWarner {
  const warned = new Set<string>()
  return {
    warn(address) {
      const key = address.toLowerCase()
      if (warned.has(key)) return
      warned.add(key)
      p.bus.emit('event', { type: 'warning', at: Date.now(), code: lowBalanceCode, ...lowBalanceText(address, p) })
    },
  }
}

/** What the warning says: what the account needs and, without top-up, what to do about it. */
export function lowBalanceText(
  address: Address,
  p: Pick<LowBalanceWarnerParameters, 'perTxWei' | 'need' | 'topUp'>,
): { message: string; hint?: string } {
  const needs = `each of its txs may cost up to ${formatEther(p.perTxWei)} ETH and its share of the run needs about ${formatEther(p.need(address))} ETH`
  return p.topUp
    ? { message: `Account ${address} is low on ETH: ${needs}. Topping it up.` }
    : {
        message: `Account ${address} is low on ETH: ${needs}.`,
        hint: 'Enable topUp, raise fundWith, or spread the txs over more accounts.',
      }
}
