import type { Abi, AbiFunction, Address } from 'viem'
import { decodeFunctionResult } from 'viem'
import type { Sender } from '../accounts/sender'
import { loadBuiltinArtifact } from '../contracts/artifacts'
import { call, deployFromFirstSender, readCall, setupCalls } from './shared'
import type { ScenarioContext } from './types'

export type DeployedToken = { address: Address; abi: Abi; deployer: Sender }

/** Deploys a StressToken from the first sender and mints each sender what its txs will move. */
export async function deployTokenAndMint(
  ctx: ScenarioContext,
  mints: { to: Address; amount: bigint }[],
): Promise<DeployedToken> {
  const artifact = loadBuiltinArtifact('StressToken')
  const ctor = artifact.abi.find((i) => i.type === 'constructor') as { inputs?: unknown[] } | undefined
  // The constructor's initial supply (if it takes one) is not needed: every sender is minted its share.
  const { address, deployer } = await deployFromFirstSender(ctx, artifact, ctor?.inputs?.length ? [0n] : [])
  const positive = mints.filter((m) => m.amount > 0n)
  await setupCalls(
    ctx,
    deployer,
    positive.map((m) => ({ to: address, data: call(artifact.abi, 'mint', [m.to, m.amount]), gas: 120_000n })),
  )
  return { address, abi: artifact.abi, deployer }
}

/** Token balances of many holders (one eth_call each, batched by the transport). */
export async function tokenBalances(ctx: ScenarioContext, token: DeployedToken, holders: readonly Address[]) {
  const fn = token.abi.find((i) => i.type === 'function' && i.name === 'balanceOf') as AbiFunction
  const raw = await Promise.all(holders.map((h) => readCall(ctx, token.address, call(token.abi, 'balanceOf', [h]))))
  return raw.map((r) => decodeFunctionResult({ abi: [fn], functionName: 'balanceOf', data: r }) as bigint)
}
