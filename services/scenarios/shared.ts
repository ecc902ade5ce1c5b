import { type Abi, type Address, encodeFunctionData, getAddress, type Hex, hexToBigInt, keccak256, toHex } from 'viem'
import { createRevertDecoder } from '../abi/decode-revert'
import { sendBatch } from '../accounts/send-batch'
import type { Sender } from '../accounts/sender'
import { latestBlock } from '../chain/block-reads'
import { revertDataOf } from '../chain/revert-data'
import type { Artifact } from '../contracts/artifacts'
import { deployContract } from '../contracts/deploy'
import type { TxErrorInfo } from '../testing/tx'
import type { ScenarioContext } from './types'

/** The account after `from` in the run's set: who a user pays, approves or sends to. */
export function nextOf(senders: readonly Sender[], from: Address): Address {
  const i = senders.findIndex((s) => s.address.toLowerCase() === from.toLowerCase())
  return (senders[(i + 1) % senders.length] ?? senders[0])?.address ?? from
}

/** Fixed recipients with no code and no key (never the 0x…01–0x…11 precompiles). */
export function sinkAddresses(n: number, label: string): Address[] {
  return Array.from({ length: n }, (_, i) => getAddress(`0x${keccak256(toHex(`${label}:${i}`)).slice(-40)}`))
}

/** Deploys a contract from the first sender (the scenario's deployer) at the run's fees and mining. */
export async function deployFromFirstSender(
  ctx: ScenarioContext,
  artifact: Artifact,
  args: readonly unknown[] = [],
): Promise<{ address: Address; deployer: Sender }> {
  const deployer = ctx.senders[0]
  if (!deployer) throw new Error('no sender to deploy from')
  const { address } = await deployContract({
    conn: ctx.conn,
    chainId: ctx.node.chainId,
    from: deployer,
    artifact,
    args,
    fees: ctx.fees,
    mine: ctx.mine,
    timeoutMs: ctx.config.inclusionTimeoutMs,
  })
  return { address, deployer }
}

/** Calls from the scenario's deployer during set-up, awaited until mined. */
export async function setupCalls(
  ctx: ScenarioContext,
  from: Sender,
  calls: { to: Address; data: Hex; gas: bigint }[],
): Promise<void> {
  await sendBatch({
    conn: ctx.conn,
    node: ctx.node,
    from,
    txs: calls.map((c) => ({ ...c, value: 0n })),
    fees: ctx.fees,
    mine: ctx.mine,
    timeoutMs: ctx.config.inclusionTimeoutMs,
  })
}

/** Gas for one call, from the node's estimate with a margin (state drifts during a run). */
export async function estimateGas(
  ctx: ScenarioContext,
  call: { from: Address; to: Address; data: Hex; value?: bigint },
): Promise<bigint> {
  const raw = await ctx.conn.request('eth_estimateGas', [
    { from: call.from, to: call.to, data: call.data, value: toHex(call.value ?? 0n) },
  ])
  return (BigInt(raw) * 13n) / 10n
}

/** Reads a view function with eth_call. */
export async function readCall(ctx: ScenarioContext, to: Address, data: Hex): Promise<Hex> {
  return await ctx.conn.request('eth_call', [{ to, data }, 'latest'])
}

export function call(abi: Abi, functionName: string, args: readonly unknown[]): Hex {
  return encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0])
}

/** Revert data → the reason, custom error or panic, named with the contract's ABI. */
export function revertDecoder(abi: Abi): (data: Hex | undefined) => TxErrorInfo {
  const decode = createRevertDecoder(abi)
  return (data) => ({
    kind: 'reverted',
    message: decode(data).message,
    hint: 'The contract rejected the call: the message is its own.',
  })
}

export { revertDataOf }

/** The chain's time: the head block's timestamp, moved on by wall time since it was read. */
export async function chainClock(ctx: ScenarioContext): Promise<() => bigint> {
  const head = await latestBlock(ctx.conn)
  const at = Date.now()
  const base = hexToBigInt(head.timestamp)
  return () => base + BigInt(Math.floor((Date.now() - at) / 1000))
}
