import type { RpcBlock } from 'viem'
import { NodeUnavailableError } from '../errors/base'
import type { RpcRequest } from './rpc-schema'

/** The head block (tx hashes only). The schema allows null; a node that answers so cannot be tested. */
export async function latestBlock(conn: { request: RpcRequest }): Promise<RpcBlock> {
  const block = await conn.request('eth_getBlockByNumber', ['latest', false])
  if (!block)
    throw new NodeUnavailableError('The node answered eth_getBlockByNumber("latest") with null', {
      hint: 'Check that the node is synced and serves blocks; any EVM JSON-RPC node answers this with its head block.',
    })
  return block
}
