import { createWalletClient, http, parseEther, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import type { LocalSender } from '../services/accounts/sender'
import type { NodeHandle } from '../services/chain/node-handle'

/**
 * What a developer writes by hand today: a loop of `sendTransaction` (viem fills nonce, gas and
 * fees) on an automining node, then a wait for the last receipt.
 */
export async function viemLoop(node: NodeHandle, account: LocalSender, txs: number): Promise<number> {
  await node.conn.request('evm_setAutomine', [true])
  await node.conn.request('anvil_setBalance', [account.address, toHex(parseEther('1000'))])
  const chain = { ...foundry, id: node.info.chainId }
  const wallet = createWalletClient({
    account: privateKeyToAccount(account.privateKey),
    chain,
    transport: http(node.conn.url),
  })
  const started = performance.now()
  let last: `0x${string}` | undefined
  for (let i = 0; i < txs; i++) last = await wallet.sendTransaction({ to: account.address, value: 1n })
  if (last) await node.conn.client.waitForTransactionReceipt({ hash: last, pollingInterval: 50 })
  return (txs / (performance.now() - started)) * 1000
}
