import { type Hex, parseEther, toHex } from 'viem'
import type { LocalSender } from '../services/accounts/sender'
import type { NodeHandle } from '../services/chain/node-handle'
import { signTx } from '../services/chain/signer'

type Receipt = { status: Hex }

/**
 * The node's ceiling: transfers signed before the clock starts, sent in JSON-RPC batches of 100
 * (4 in flight), a block mined after each wave, no bookkeeping at all.
 *
 * `readReceipts`: the tracking ceiling — the same, plus what no tracker can skip: each block's
 * tx list and receipts, read while the next wave is sent (docs/metrics.md#benchmark).
 */
export async function rawCeiling(
  node: NodeHandle,
  accounts: LocalSender[],
  txs: number,
  { readReceipts = false } = {},
): Promise<number> {
  const { conn } = node
  await conn.request('evm_setAutomine', [false])
  await Promise.all(accounts.map((a) => conn.request('anvil_setBalance', [a.address, toHex(parseEther('1000'))])))
  const nonces = await Promise.all(
    accounts.map(async (a) =>
      Number(BigInt((await conn.request('eth_getTransactionCount', [a.address, 'pending'])) as Hex)),
    ),
  )
  const block = (await conn.request('eth_getBlockByNumber', ['latest', false])) as { baseFeePerGas: Hex }
  const maxFeePerGas = BigInt(block.baseFeePerGas) * 2n + 1_000_000_000n
  const raws: Hex[] = []
  for (let i = 0; i < txs; i++) {
    const k = i % accounts.length
    const from = accounts[k] as LocalSender
    const to = (accounts[(k + 1) % accounts.length] as LocalSender).address
    const nonce = nonces[k] as number
    nonces[k] = nonce + 1
    const { raw } = await signTx(from.privateKey, {
      chainId: node.info.chainId,
      nonce,
      to,
      value: 1n,
      gas: 21_000n,
      fees: { type: 'eip1559', maxFeePerGas, maxPriorityFeePerGas: 1_000_000_000n },
    })
    raws.push(raw)
  }
  let succeeded = 0
  const readBlock = async () => {
    const n = (await conn.request('eth_blockNumber')) as Hex
    await conn.request('eth_getBlockByNumber', [n, false])
    const receipts = (await conn.request('eth_getBlockReceipts', [n])) as Receipt[]
    succeeded += receipts.filter((r) => r.status === '0x1').length
  }
  const wave = 400
  let reading: Promise<void> = Promise.resolve()
  const started = performance.now()
  for (let w = 0; w < raws.length; w += wave) {
    const slice = raws.slice(w, w + wave)
    await Promise.all(slice.map((raw) => conn.request('eth_sendRawTransaction', [raw])))
    // A mine while the last block is read makes both slower on Anvil: one after the other.
    await reading
    await conn.request('evm_mine')
    if (readReceipts) reading = readBlock()
  }
  await reading
  const elapsed = performance.now() - started
  const pending = (await conn.request('txpool_status')) as { pending: Hex }
  if (BigInt(pending.pending) !== 0n) throw new Error('raw ceiling left txs pending')
  if (readReceipts && succeeded !== txs) throw new Error(`tracking ceiling read ${succeeded} of ${txs} receipts`)
  await conn.request('evm_setAutomine', [true])
  return (txs / elapsed) * 1000
}
