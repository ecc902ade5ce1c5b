'use client'

import { formatEther } from 'viem'
import type { AccountRow } from '@/services/live/frames'
import { formatInt, shortHex } from '../format'

/** Wei → "1.2346 ETH": four decimals say enough about a test account's balance. */
function formatBalance(wei: string): string {
  let value: bigint
  try {
    value = BigInt(wei)
  } catch {
    return '—'
  }
  const [whole = '0', frac = ''] = formatEther(value).split('.')
  const short = frac.slice(0, 4).replace(/0+$/, '')
  return `${formatInt(whole)}${short ? `.${short}` : ''} ETH`
}

/** The sending accounts: balance, the engine's nonce against the chain's, what is in flight. */
export function AccountsPanel({ accounts }: { accounts: readonly AccountRow[] }) {
  const low = accounts.filter((a) => a.low).length
  // Nothing in flight and the chain's nonce is not the engine's: a gap, or a count the chain denies.
  const apart = accounts.filter((a) => a.inFlight === 0 && a.localNonce !== a.onChainNonce).length
  return (
    <section className="card live-panel" data-testid="accounts-panel" aria-label="Accounts">
      <div className="section-head">
        <h2>Accounts</h2>
        <span className="muted small">
          {accounts.length} accounts
          {low > 0 && <span className="text-warn"> · {low} low on funds</span>}
          {apart > 0 && (
            <span
              className="badge badge-bad"
              data-testid="nonce-mismatch"
              title="Nothing in flight, yet the engine's nonce is not the chain's"
            >
              {apart} nonce{apart === 1 ? '' : 's'} differ from the chain
            </span>
          )}
        </span>
      </div>
      {accounts.length === 0 ? (
        <p className="muted small">No accounts yet.</p>
      ) : (
        <div className="live-scroll">
          <table className="table table-compact">
            <thead>
              <tr>
                <th>Address</th>
                <th className="num">Balance</th>
                <th className="num" title="The engine's next nonce / the chain's nonce">
                  Nonce local / chain
                </th>
                <th className="num">In flight</th>
                <th>Last error</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.address} data-testid="account-row" data-low={a.low || undefined}>
                  <td className="mono nowrap" title={a.address}>
                    {shortHex(a.address, 4)}
                  </td>
                  <td className="num nowrap">
                    {formatBalance(a.balanceWei)}
                    {a.low && (
                      <span className="badge badge-warn badge-small" title="Balance is running low">
                        low
                      </span>
                    )}
                  </td>
                  {/* Apart while txs are in flight is normal; apart with none in flight is a nonce gap. */}
                  <td
                    className={`num nowrap${a.inFlight === 0 && a.localNonce !== a.onChainNonce ? ' text-warn' : ''}`}
                  >
                    {a.localNonce} / {a.onChainNonce}
                  </td>
                  <td className="num">{a.inFlight}</td>
                  <td className="small text-bad cell-clip" title={a.lastError ?? undefined}>
                    {a.lastError ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
