import {
  type Address,
  BaseError,
  type EncodeDeployDataParameters,
  encodeDeployData,
  getAddress,
  type Hex,
  hexToBigInt,
  isHex,
  type RpcTransactionReceipt,
  toHex,
} from 'viem'
import { decodeRevert } from '../abi/decode-revert'
import type { Sender } from '../accounts/sender'
import { latestBlock } from '../chain/block-reads'
import type { Connection } from '../chain/connection'
import { revertDataOf } from '../chain/revert-data'
import { type Fees, signTx } from '../chain/signer'
import { ConfigError } from '../errors/base'
import { classifyError } from '../errors/classify'
import type { TxError } from '../errors/tx-error'
import { type Artifact, type BuiltinContract, builtinConstructorArgs, loadBuiltinArtifact } from './artifacts'
import { DeployError } from './deploy-error'

export type DeployContractParameters = {
  conn: Connection
  chainId: number
  from: Sender
  artifact: Artifact
  args?: readonly unknown[]
  fees: Fees
  /** Engine-driven mining (Anvil with mining off): called between receipt polls to get a block. */
  mine?: () => Promise<unknown>
  timeoutMs?: number
}

export type DeployContractReturnType = { address: Address; hash: Hex; gasUsed: bigint; blockNumber: bigint }

type AbiConstructor = Extract<Artifact['abi'][number], { type: 'constructor' }>
type RawReceipt = Pick<RpcTransactionReceipt, 'status' | 'contractAddress' | 'gasUsed' | 'blockNumber'>

const pollMs = 100

/**
 * Deploys a contract and waits until it is mined. Bad constructor args throw ConfigError; every
 * failure on the chain throws DeployError, which says whether the sender's nonce was used. The
 * constructor is simulated first (eth_estimateGas), so a reverting one sends nothing.
 * Reads the sender's pending nonce itself: deploy before a run takes over the account.
 */
export async function deployContract(p: DeployContractParameters): Promise<DeployContractReturnType> {
  const { conn, from, artifact } = p
  const name = artifact.contractName
  const timeoutMs = p.timeoutMs ?? 60_000
  const data = deployData(artifact, p.args ?? [])

  let nonce: number
  let gas: bigint
  try {
    const [nonceHex, estimate, block] = await Promise.all([
      conn.request('eth_getTransactionCount', [from.address, 'pending']),
      conn.request('eth_estimateGas', [{ from: from.address, data, value: '0x0' }]),
      latestBlock(conn),
    ])
    nonce = Number(hexToBigInt(nonceHex))
    // A 20% margin: the estimate is exact for the current state, which may move before inclusion.
    // Capped at the block gas limit, above which the node refuses the tx outright.
    const limit = hexToBigInt(block.gasLimit)
    const padded = (hexToBigInt(estimate) * 12n) / 10n
    gas = padded < limit ? padded : limit
  } catch (error) {
    const classified = classifyError(error)
    if (classified.kind !== 'reverted') throw nodeFailure(name, classified, 'free')
    throw new DeployError(name, decodeRevert(artifact.abi, revertDataOf(error)).message, {
      hint: "The constructor reverted when simulated, so nothing was sent. Check the constructor arguments and the sender's balance and state.",
      details: classified.raw,
      cause: error,
    })
  }

  let hash: Hex
  try {
    hash = await send(p, { nonce, gas, data })
  } catch (error) {
    const classified = classifyError(error)
    throw nodeFailure(name, classified, classified.nonceEffect)
  }

  const receipt = await awaitReceipt(p, hash, timeoutMs)
  const gasUsed = hexToBigInt(receipt.gasUsed)
  if (receipt.status !== '0x1') {
    const reason =
      gasUsed >= gas ? `ran out of gas (used all ${gas} of its gas limit)` : await replayReason(p, data, receipt)
    throw new DeployError(name, reason, {
      nonceEffect: 'consumed',
      hash,
      hint: 'The deployment was mined and reverted (the simulation had passed: state changed in between, or gas ran out).',
    })
  }
  if (!receipt.contractAddress)
    throw new DeployError(name, 'the receipt has no contract address', {
      nonceEffect: 'consumed',
      hash,
      hint: 'The node did not treat the tx as a contract creation; check that it is an EVM node.',
    })
  return {
    address: getAddress(receipt.contractAddress),
    hash,
    gasUsed,
    blockNumber: hexToBigInt(receipt.blockNumber),
  }
}

export type DeployBuiltinParameters = Omit<DeployContractParameters, 'artifact' | 'args'> & {
  args?: readonly unknown[]
}

/** Deploys one of the contracts in `contracts/`, with `builtinConstructorArgs` unless args are given. */
export function deployBuiltin(name: BuiltinContract, p: DeployBuiltinParameters): Promise<DeployContractReturnType> {
  return deployContract({ ...p, artifact: loadBuiltinArtifact(name), args: p.args ?? builtinConstructorArgs[name] })
}

/** Creation code + ABI-encoded constructor args; any problem names the field. */
function deployData(artifact: Artifact, args: readonly unknown[]): Hex {
  const name = artifact.contractName
  if (!isHex(artifact.bytecode) || artifact.bytecode.length <= 2)
    throw new ConfigError([
      {
        field: 'artifact',
        message: `${name} has no deployable bytecode (an interface, an abstract contract, or unlinked libraries)`,
      },
    ])
  // viem silently drops missing args (it returns the bare bytecode), so count them here.
  const inputs = artifact.abi.find((i): i is AbiConstructor => i.type === 'constructor')?.inputs ?? []
  if (args.length !== inputs.length) {
    const signature = inputs.map((i) => `${i.type}${i.name ? ` ${i.name}` : ''}`).join(', ')
    throw new ConfigError([
      {
        field: 'constructorArgs',
        message: `${name}'s constructor takes ${inputs.length} argument(s) (${signature}), got ${args.length}`,
      },
    ])
  }
  try {
    return encodeDeployData({ abi: artifact.abi, bytecode: artifact.bytecode, args } as EncodeDeployDataParameters)
  } catch (error) {
    const message = error instanceof BaseError ? error.shortMessage : String(error)
    throw new ConfigError([{ field: 'constructorArgs', message }], { cause: error })
  }
}

/** Sends the creation tx: signed here for a local key, by the node otherwise; explicit nonce either way. */
async function send(p: DeployContractParameters, tx: { nonce: number; gas: bigint; data: Hex }): Promise<Hex> {
  const { from, fees } = p
  if (from.kind === 'local') {
    const signed = await signTx(from.privateKey, {
      chainId: p.chainId,
      nonce: tx.nonce,
      value: 0n,
      data: tx.data,
      gas: tx.gas,
      fees,
    })
    return await p.conn.request('eth_sendRawTransaction', [signed.raw])
  }
  const feeFields =
    fees.type === 'eip1559'
      ? { maxFeePerGas: toHex(fees.maxFeePerGas), maxPriorityFeePerGas: toHex(fees.maxPriorityFeePerGas) }
      : { gasPrice: toHex(fees.gasPrice) }
  return await p.conn.request('eth_sendTransaction', [
    { from: from.address, data: tx.data, value: '0x0', gas: toHex(tx.gas), nonce: toHex(tx.nonce), ...feeFields },
  ])
}

/** Polls for the receipt, mining between polls when the engine drives mining. */
async function awaitReceipt(p: DeployContractParameters, hash: Hex, timeoutMs: number): Promise<RawReceipt> {
  const name = p.artifact.contractName
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let receipt: RawReceipt | null
    try {
      receipt = await p.conn.request('eth_getTransactionReceipt', [hash])
    } catch (error) {
      throw nodeFailure(name, classifyError(error), 'unknown', hash)
    }
    if (receipt) return receipt
    if (Date.now() >= deadline)
      throw new DeployError(name, `not mined within ${timeoutMs} ms`, {
        nonceEffect: 'unknown',
        hash,
        hint: p.mine
          ? 'Blocks were mined but did not include it: check the fees against the base fee and the txpool.'
          : 'If the node mines only on demand (Anvil --no-mining), pass `mine`; otherwise raise the timeout or the fees.',
      })
    await p.mine?.()
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
}

/** Why a mined deployment reverted: replayed with eth_call on the state before its block. */
async function replayReason(p: DeployContractParameters, data: Hex, receipt: RawReceipt): Promise<string> {
  const parent = toHex(hexToBigInt(receipt.blockNumber) - 1n)
  try {
    await p.conn.request('eth_call', [{ from: p.from.address, data, value: '0x0' }, parent])
    return 'reverted (the replay on the previous block succeeded: state changed within the block)'
  } catch (error) {
    return decodeRevert(p.artifact.abi, revertDataOf(error)).message
  }
}

/** A refusal or failure of the node, in the deploy's words, keeping the classified error's hint. */
function nodeFailure(name: string, error: TxError, nonceEffect: TxError['nonceEffect'], hash?: Hex): DeployError {
  return new DeployError(name, error.shortMessage, {
    nonceEffect,
    hash,
    hint: error.hint,
    details: error.raw,
    cause: error,
  })
}
