import { type Address, formatEther, getAddress, type Hex, hexToBigInt, parseEther, toHex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import type { Connection } from '../chain/connection'
import type { NodeInfo } from '../chain/node-info'
import type { Fees } from '../chain/signer'
import type { TestConfig } from '../config/schema'
import { StressError } from '../errors/base'
import { sendBatch } from './send-batch'
import type { Sender } from './sender'

export class FundingError extends StressError {
  override name = 'FundingError'
  override readonly code = 'INSUFFICIENT_FUNDING'
}

export type FundingNeed = { address: Address; need: bigint }
export type FundingResult = {
  method: 'none-needed' | 'set-balance' | 'transfer'
  funded: number
  totalWei: bigint
  funder?: Address
}

const anvilFloor = parseEther('1000')

/** Worst-case wei one tx of this run costs: gas limit × max fee + value. */
export function costPerTx(config: TestConfig, fees: Fees, gas: bigint): bigint {
  return gas * (fees.type === 'eip1559' ? fees.maxFeePerGas : fees.gasPrice) + config.value
}

/**
 * What each sender must hold for its share of the plan (the scenario's planned txs, which may
 * differ from `txs`). Round-robin shares are exact; other rotations can
 * give one sender more than its share, so they get a margin.
 */
export function fundingNeeds(
  config: TestConfig,
  senders: readonly Sender[],
  perTx: bigint,
  planned: number = config.txs,
): FundingNeed[] {
  const even = Math.ceil(planned / senders.length)
  const share = config.rotation === 'round-robin' ? even : Math.min(planned, Math.ceil(even * 1.25) + 2)
  return senders.map((s) => ({ address: s.address, need: BigInt(share) * perTx }))
}

/** The account that pays for funding by transfer: `funderKey`, else the node's first unlocked one. */
export async function resolveFunder(config: TestConfig, conn: Connection): Promise<Sender | undefined> {
  if (config.funderKey)
    return { kind: 'local', address: privateKeyToAddress(config.funderKey as Hex), privateKey: config.funderKey as Hex }
  const unlocked = await conn.request('eth_accounts').catch(() => [])
  return unlocked[0] ? { kind: 'node', address: getAddress(unlocked[0]), via: 'unlocked' } : undefined
}

export type FundSendersParameters = {
  conn: Connection
  node: NodeInfo
  config: TestConfig
  /** Engine-driven mining: how to get a block for the funding transfers. */
  mine?: () => Promise<unknown>
  fees: Fees
  needs: readonly FundingNeed[]
  funder: Sender | undefined
  onProgress?: (done: number, total: number, method: FundingResult['method']) => void
}

/**
 * Before any tx is sent, every sender can pay for its share — or the run does not start and the
 * error says how much is missing. On Anvil balances are set directly (instant); elsewhere (or
 * when Anvil's cheat methods are unavailable) the funder sends transfers.
 */
export async function fundSenders(p: FundSendersParameters): Promise<FundingResult> {
  const { conn, node, config } = p
  const balances = await getBalances(
    conn,
    p.needs.map((n) => n.address),
  )
  const short = p.needs
    .map((n, i) => ({ ...n, balance: balances[i] ?? 0n }))
    .filter((n) => n.balance < n.need && n.address !== p.funder?.address)
  if (!short.length) return { method: 'none-needed', funded: 0, totalWei: 0n }

  const missing = short.reduce((sum, n) => sum + (n.need - n.balance), 0n)
  if (config.funding === 'none')
    throw new FundingError(
      `${short.length} sender(s) cannot pay for their transactions: ${formatEther(missing)} ETH missing in total`,
      {
        hint: `Fund them (e.g. ${short[0]?.address} needs ${formatEther((short[0]?.need ?? 0n) - (short[0]?.balance ?? 0n))} ETH more), set funding to "auto", or lower txs/value/fees.`,
      },
    )

  if (config.funding === 'auto' && node.isAnvil) {
    const target = (n: FundingNeed) => {
      const floor = config.fundWith ?? anvilFloor
      return n.need > floor ? n.need : floor
    }
    const first = short[0] as FundingNeed
    const ok = await conn.request('anvil_setBalance', [first.address, toHex(target(first))]).then(
      () => true,
      () => false,
    )
    if (ok) {
      await Promise.all(short.slice(1).map((n) => conn.request('anvil_setBalance', [n.address, toHex(target(n))])))
      p.onProgress?.(short.length, short.length, 'set-balance')
      return { method: 'set-balance', funded: short.length, totalWei: short.reduce((s, n) => s + target(n), 0n) }
    }
  }

  const amounts = short.map((n) => {
    const target = config.fundWith && config.fundWith > n.need ? config.fundWith : (n.need * 11n) / 10n
    return { to: n.address, value: target - n.balance }
  })
  const funder = p.funder
  if (!funder)
    throw new FundingError(`${short.length} sender(s) need ${formatEther(missing)} ETH and there is no funder`, {
      hint: 'Set funderKey to a funded account, use a node with an unlocked account, or fund the senders yourself.',
    })
  const gasCost = BigInt(amounts.length) * costPerTx({ ...config, value: 0n }, p.fees, 21_000n)
  const total = amounts.reduce((s, a) => s + a.value, 0n) + gasCost
  const [funderBalance = 0n] = await getBalances(conn, [funder.address])
  if (funderBalance < total)
    throw new FundingError(
      `Funder ${funder.address} has ${formatEther(funderBalance)} ETH; funding ${amounts.length} sender(s) needs ${formatEther(total)} ETH (${formatEther(total - funderBalance)} ETH missing)`,
      {
        hint: 'Send ETH to the funder, use fewer accounts or txs, or lower value and fees. Nothing was sent.',
      },
    )
  await sendBatch({
    conn,
    node,
    from: funder,
    txs: amounts,
    fees: p.fees,
    mine: p.mine,
    timeoutMs: config.inclusionTimeoutMs,
    onProgress: (done, all) => p.onProgress?.(done, all, 'transfer'),
  })
  return { method: 'transfer', funded: amounts.length, totalWei: total - gasCost, funder: funder.address }
}

export async function getBalances(conn: Connection, addresses: readonly Address[]): Promise<bigint[]> {
  const raw = await Promise.all(addresses.map((a) => conn.request('eth_getBalance', [a, 'latest'])))
  return raw.map((b) => hexToBigInt(b))
}
