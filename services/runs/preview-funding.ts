import { type Address, zeroAddress } from 'viem'
import { costPerTx, fundingNeeds, getBalances, resolveFunder } from '../accounts/funding'
import type { Sender } from '../accounts/sender'
import type { Connection } from '../chain/connection'
import type { NodeInfo } from '../chain/node-info'
import type { Fees } from '../chain/signer'
import type { TestConfig } from '../config/schema'
import { NodeUnavailableError, StressError } from '../errors/base'
import type { PreviewSenders } from './preview-senders'
import type { AccountShare, RunPreview } from './preview-types'

/** Balances read for a preview: the first accounts only (a balance is one RPC call). */
export const previewBalanceCap = 200

/** Node reads that fail are the node's problem (503), not a bug of ours (500). */
export async function chain<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (cause) {
    if (cause instanceof StressError) throw cause
    throw new NodeUnavailableError('The node did not answer a read the preview needs', {
      hint: 'Check that the node is running; the preview retries on the next change.',
      details: cause instanceof Error ? cause.message.split('\n')[0] : String(cause),
      cause,
    })
  }
}

export type Funding = {
  method: RunPreview['funding']['method']
  need: bigint
  rows: Omit<AccountShare, 'txs'>[]
  totalShort: bigint
  shortAccounts: number
  funder: { address: Address; balance: bigint } | null
  funderNeeds: bigint
}

/** The funding the run will do, as prepareSenders computes it, against today's balances. */
export async function fundingOf(
  config: TestConfig,
  conn: Connection,
  info: NodeInfo,
  senders: PreviewSenders,
  perTx: bigint,
  fees: Fees,
  planned: number,
): Promise<Funding> {
  // Every account needs the same; the share depends on how many there are, not on who they are.
  const all = Array.from(
    { length: senders.total },
    (_, i): Sender => ({ kind: 'node', address: senders.addresses[i] ?? zeroAddress, via: 'unlocked' }),
  )
  const need = fundingNeeds(config, all, perTx, planned)[0]?.need ?? 0n
  const checked = senders.addresses.slice(0, previewBalanceCap)
  const balances = await chain(() => getBalances(conn, checked))
  const method =
    config.funding === 'none' ? 'none' : config.funding === 'auto' && info.isAnvil ? 'set-balance' : 'transfer'
  const funderSender = method === 'transfer' ? await chain(() => resolveFunder(config, conn)) : undefined
  const funderAddress = funderSender?.address.toLowerCase()
  const rows = checked.map((address, i) => {
    const balance = balances[i] ?? 0n
    const short = address.toLowerCase() === funderAddress || balance >= need ? 0n : need - balance
    return { address, needWei: need.toString(), balanceWei: balance.toString(), shortWei: short.toString() }
  })
  const unchecked = BigInt(senders.total - checked.length)
  const checkedShort = rows.reduce((sum, r) => sum + BigInt(r.shortWei), 0n)
  const shortAccounts = rows.filter((r) => r.shortWei !== '0').length + Number(unchecked)
  const totalShort = checkedShort + unchecked * need
  // Transfers top up to the need + 10%, and each costs a plain transfer's gas.
  const transferGas = costPerTx({ ...config, value: 0n }, fees, 21_000n) * BigInt(shortAccounts)
  const funderNeeds = (totalShort * 11n) / 10n + transferGas
  const funder = funderSender
    ? {
        address: funderSender.address,
        balance: (await chain(() => getBalances(conn, [funderSender.address])))[0] ?? 0n,
      }
    : null
  return { method, need, rows, totalShort, shortAccounts, funder, funderNeeds }
}
