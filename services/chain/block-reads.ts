import type { Hex, RpcBlock } from 'viem'
import { NodeUnavailableError } from '../errors/base'
import type { RpcRequest } from './rpc-schema'

/** A block on the chain (tx hashes only): its number and hash are set. viem's type allows null for a pending one. */
export type MinedBlock = RpcBlock<'latest', false> & { number: Hex; hash: Hex }

/** The one check that a block answer is a mined block; a null answer or a pending one is not. */
export function minedOrNull(block: RpcBlock | null): MinedBlock | null {
  return block?.number && block.hash ? (block as MinedBlock) : null
}

/** The head block. The schema allows null; a node that answers so cannot be tested. */
export async function latestBlock(conn: { request: RpcRequest }): Promise<MinedBlock> {
  const block = minedOrNull(await conn.request('eth_getBlockByNumber', ['latest', false]))
  if (!block)
    throw new NodeUnavailableError('The node answered eth_getBlockByNumber("latest") without a mined block', {
      hint: 'Check that the node is synced and serves blocks; any EVM JSON-RPC node answers this with its head block.',
    })
  return block
}

/** The block at a height, or null where the node has none (yet). */
export async function blockAt(conn: { request: RpcRequest }, n: bigint): Promise<MinedBlock | null> {
  return minedOrNull(await conn.request('eth_getBlockByNumber', [`0x${n.toString(16)}`, false]))
}
