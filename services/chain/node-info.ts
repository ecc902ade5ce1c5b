import { type Hex, hexToBigInt, hexToNumber } from 'viem'
import { NodeUnavailableError } from '../errors/base'
import { latestBlock, type MinedBlock } from './block-reads'
import type { Connection } from './connection'
import { type NodeMining, readNodeMining } from './node-mining'

export type NodeInfo = {
  chainId: number
  blockNumber: bigint
  blockGasLimit: bigint
  baseFeePerGas: bigint | undefined
  clientVersion: string
  /** Answers Anvil's own methods (cheat codes, mining control). */
  isAnvil: boolean
  /** How the node mines on its own, as read here (a run reads it again at its start). */
  ownMining: NodeMining
  /** An Anvil that is a local fork of another chain (`anvil_nodeInfo`): its origin, redacted, and block. */
  fork: NodeFork | null
}

export type NodeFork = { url: string; block: number | null }

/** Anvil says whether it is a fork; any other node is taken for what it is. */
async function readFork(conn: Connection): Promise<NodeFork | null> {
  const info = await conn.request('anvil_nodeInfo').catch(() => null)
  const url = info?.forkConfig?.forkUrl
  return url ? { url: redactUrl(url), block: info?.forkConfig?.forkBlockNumber ?? null } : null
}

/** Reads what a test needs to know about a node; an unreachable node becomes one clear error. */
export async function getNodeInfo(conn: Connection): Promise<NodeInfo> {
  let chainIdHex: Hex
  let block: MinedBlock
  try {
    ;[chainIdHex, block] = await Promise.all([conn.request('eth_chainId'), latestBlock(conn)])
  } catch (cause) {
    throw new NodeUnavailableError(`rpcUrl: cannot reach an EVM JSON-RPC node at ${redactUrl(conn.url)}`, {
      hint: 'Check that the node is running and the URL (scheme, host, port) is right, or leave the RPC URL out to use the embedded Anvil.',
      details: cause instanceof Error ? cause.message.split('\n')[0] : String(cause),
      cause,
    })
  }
  const [clientVersion, ownMining] = await Promise.all([
    conn.request('web3_clientVersion').then(String, () => 'unknown'),
    readNodeMining(conn),
  ])
  const isAnvil = ownMining.kind !== 'unknown' || /anvil/i.test(clientVersion)
  return {
    chainId: hexToNumber(chainIdHex),
    blockNumber: hexToBigInt(block.number),
    blockGasLimit: hexToBigInt(block.gasLimit),
    baseFeePerGas: block.baseFeePerGas ? hexToBigInt(block.baseFeePerGas) : undefined,
    clientVersion,
    isAnvil,
    ownMining,
    fork: isAnvil ? await readFork(conn) : null,
  }
}

/** URLs may carry API keys in their path or query; show only scheme, host and port. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    const hasSecret = u.pathname.length > 1 || u.search || u.username
    return `${u.protocol}//${u.host}${hasSecret ? '/…' : ''}`
  } catch {
    return '(invalid URL)'
  }
}
