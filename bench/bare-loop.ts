import { type Hex, parseEther, toHex } from 'viem'
import type { LocalSender } from '../services/accounts/sender'
import type { NodeHandle } from '../services/chain/node-handle'
import { signTx } from '../services/chain/signer'

/**
 * The sequential ceiling of an automining node: one account's transfers signed before the clock
 * starts, then send one, poll its receipt until it is there, repeat. No bookkeeping at all.
 */
export async function bareLoop(node: NodeHandle, account: LocalSender, txs: number): Promise<number> {
  const { conn } = node
  await conn.request('evm_setAutomine', [true])
  await conn.request('anvil_setBalance', [account.address, toHex(parseEther('1000'))])
  let nonce = Number(BigInt((await conn.request('eth_getTransactionCount', [account.address, 'pending'])) as Hex))
  const block = (await conn.request('eth_getBlockByNumber', ['latest', false])) as { baseFeePerGas: Hex }
  const maxFeePerGas = BigInt(block.baseFeePerGas) * 4n + 1_000_000_000n
  const signed: { raw: Hex; hash: Hex }[] = []
  for (let i = 0; i < txs; i++)
    signed.push(
      await signTx(account.privateKey, {
        chainId: node.info.chainId,
        nonce: nonce++,
        to: account.address,
        value: 1n,
        gas: 21_000n,
        fees: { type: 'eip1559', maxFeePerGas, maxPriorityFeePerGas: 1_000_000_000n },
      }),
    )
  const started = performance.now()
  for (const { raw, hash } of signed) {
    await conn.request('eth_sendRawTransaction', [raw])
    while (!(await conn.request('eth_getTransactionReceipt', [hash]))) {}
  }
  return (txs / (performance.now() - started)) * 1000
}
