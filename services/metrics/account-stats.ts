import type { RunReport } from './report'
import { groupStats, type TxGroupStats, type TxStatRow, txGroupStats } from './tx-group-stats'

/** One sender in the per-account tables: what the report says of it and what its stored txs say. */
export type AccountStats = {
  address: string
  /** 'local' / 'node' for the run's senders; null for an address only its tx rows mention. */
  kind: 'local' | 'node' | null
  /** Included txs, gap fills too (the report's `sent`). */
  sent: number | null
  expectedNonce: number | null
  onChainNonce: number | null
  balanceWei: string | null
  lastError: string | null
  /** Its stored txs (planned and gap fills). */
  txs: TxGroupStats
}

/** Rows that name an account (a run's never-sent cancelled rows name none). */
function* withAccount(rows: Iterable<TxStatRow>): Generator<TxStatRow> {
  for (const r of rows) if (r.account !== '') yield r
}

/**
 * The report's senders joined with per-account numbers from the stored rows (matched without
 * regard to letter case), in the report's order; addresses only the rows know come after.
 */
export function accountStats(accounts: RunReport['accounts'], rows: Iterable<TxStatRow>): AccountStats[] {
  const groups = groupStats(withAccount(rows), (r) => r.account.toLowerCase())
  const out: AccountStats[] = accounts.map((a) => {
    const key = a.address.toLowerCase()
    const txs = groups.get(key) ?? txGroupStats([])
    groups.delete(key)
    return {
      address: a.address,
      kind: a.kind,
      sent: a.sent,
      expectedNonce: a.expectedNonce,
      onChainNonce: a.onChainNonce,
      balanceWei: a.balanceWei,
      lastError: a.lastError,
      txs,
    }
  })
  for (const [address, txs] of groups)
    out.push({
      address,
      kind: null,
      sent: null,
      expectedNonce: null,
      onChainNonce: null,
      balanceWei: null,
      lastError: null,
      txs,
    })
  return out
}
