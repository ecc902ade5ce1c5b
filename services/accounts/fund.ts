import { type Address, formatEther, type Hex, hexToBigInt, toHex } from 'viem'
import type { Connection } from '../chain/connection'
import type { NodeInfo } from '../chain/node-info'
import { StressError } from '../errors/base'

export class FundingError extends StressError {
  override name = 'FundingError'
  override readonly code = 'INSUFFICIENT_FUNDING'
}

export type FundingPlan = { address: Address; need: bigint }

/**
 * Makes sure each sender can pay for its share before anything is sent. On Anvil balances are
 * set directly (instant); elsewhere the senders must already hold enough, and the error says how
 * much is missing (funding by transfers comes with the accounts issue).
 */
export async function ensureFunded(
  conn: Connection,
  node: NodeInfo,
  plans: readonly FundingPlan[],
  fundWith: bigint,
): Promise<void> {
  const balances = (await Promise.all(plans.map((p) => conn.request('eth_getBalance', [p.address, 'pending'])))).map(
    (b) => hexToBigInt(b as Hex),
  )
  const short = plans.map((p, i) => ({ ...p, balance: balances[i] ?? 0n })).filter((p) => p.balance < p.need)
  if (!short.length) return
  if (node.isAnvil) {
    await Promise.all(
      short.map((p) => {
        const target = p.need > fundWith ? p.need : fundWith
        return conn.request('anvil_setBalance', [p.address, toHex(target)])
      }),
    )
    return
  }
  const missing = short.reduce((sum, p) => sum + (p.need - p.balance), 0n)
  const first = short[0] as (typeof short)[number]
  throw new FundingError(
    `${short.length} sender account(s) cannot pay for their transactions: ${formatEther(missing)} ETH missing in total`,
    {
      hint: `Send ETH to the sender accounts (e.g. ${first.address} needs ${formatEther(first.need - first.balance)} ETH more), lower txs/value/fees, or run against Anvil.`,
    },
  )
}
