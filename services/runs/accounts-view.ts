import type { AccountState } from '../accounts/balance-monitor'
import type { RunReport } from '../metrics/report'

/** One sender as the API shows it: plain JSON, no key material, wei as a decimal string. */
export type AccountView = {
  address: string
  balanceWei: string | null
  /** The engine's next nonce for it. */
  localNonce: number | null
  /** Mined txs of the account, as the chain says (`eth_getTransactionCount latest`). */
  onChainNonce: number | null
  inFlight: number
  low: boolean
  lastError: string | null
}

export function viewOfState(s: AccountState): AccountView {
  return {
    address: s.address,
    balanceWei: s.balanceWei.toString(),
    localNonce: s.localNonce,
    onChainNonce: s.onChainNonce,
    inFlight: s.inFlight,
    low: s.low,
    lastError: s.lastError,
  }
}

export function viewOfReport(a: RunReport['accounts'][number]): AccountView {
  return {
    address: a.address,
    balanceWei: a.balanceWei,
    localNonce: a.expectedNonce,
    onChainNonce: a.onChainNonce,
    inFlight: 0,
    low: false,
    lastError: a.lastError,
  }
}
