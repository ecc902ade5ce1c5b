import type { Address, Hex } from 'viem'
import { expect } from 'vitest'
import type { NodeHandle } from '../../services/chain/node-handle'

/** The chain's own answers, read directly, not through the engine's bookkeeping. */
export async function onChainNonce(node: NodeHandle, address: string, tag: 'latest' | 'pending' = 'latest') {
  return node.info && Number(BigInt((await node.conn.request('eth_getTransactionCount', [address, tag])) as Hex))
}

export async function receiptOf(node: NodeHandle, hash: string) {
  return (await node.conn.request('eth_getTransactionReceipt', [hash])) as {
    status: Hex
    from: Address
    blockNumber: Hex
  } | null
}

/** No account left with a hole: the chain mined what the report expects and holds nothing queued. */
export async function expectNoNonceGap(
  node: NodeHandle,
  accounts: readonly { address: string; expectedNonce: number }[],
) {
  for (const a of accounts) {
    expect(await onChainNonce(node, a.address), `nonce of ${a.address}`).toBe(a.expectedNonce)
    expect(await onChainNonce(node, a.address, 'pending'), `pending nonce of ${a.address}`).toBe(a.expectedNonce)
  }
}
