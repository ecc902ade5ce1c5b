import { type Hex, parseEther, toHex } from 'viem'
import type { LocalSender } from '../services/accounts/sender'
import type { NodeHandle } from '../services/chain/node-handle'
import { signTx } from '../services/chain/signer'

type Receipt = { status: Hex }

/** JSON-RPC batches of raw transactions, and how many of them a wave sends. */
const batch = 100
const wave = 400

/**
 * The node's ceiling: transfers signed before the clock starts, sent in JSON-RPC batches of 100
 * (4 in flight), a block mined after each wave, no bookkeeping at all.
 *
 * `readReceipts`: the tracking ceiling — the same, plus what no tracker can skip: each block's
 * tx list and receipts, read while the next wave is sent (docs/metrics.md#benchmark).
 *
 * `signInWindow` (with `readReceipts`): the signing tracking ceiling — each batch signed in the
 * measured window, the next while the last is at the node, as any tool that signs as it goes must.
 */
export async function rawCeiling(
  node: NodeHandle,
  accounts: LocalSender[],
  txs: number,
  { readReceipts = false, signInWindow = false } = {},
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
  const signOne = async (i: number): Promise<Hex> => {
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
    return raw
  }
  const signRange = async (from: number, to: number) => {
    const raws: Hex[] = []
    for (let i = from; i < Math.min(to, txs); i++) raws.push(await signOne(i))
    return raws
  }
  const presigned = signInWindow ? [] : await signRange(0, txs)
  let succeeded = 0
  const readBlock = async () => {
    const n = (await conn.request('eth_blockNumber')) as Hex
    await conn.request('eth_getBlockByNumber', [n, false])
    const receipts = (await conn.request('eth_getBlockReceipts', [n])) as Receipt[]
    succeeded += receipts.filter((r) => r.status === '0x1').length
  }
  let reading: Promise<void> = Promise.resolve()
  /** Signing as it goes: the next wave's first batch, signed while this wave is at the node. */
  let ahead: Hex[] = []
  const started = performance.now()
  for (let w = 0; w < txs; w += wave) {
    const sends: Promise<unknown>[] = []
    const send = (raws: Hex[]) => sends.push(...raws.map((raw) => conn.request('eth_sendRawTransaction', [raw])))
    if (!signInWindow) send(presigned.slice(w, w + wave))
    else {
      for (let b = w; b < Math.min(w + wave, txs); b += batch)
        send(b === w && ahead.length ? ahead : await signRange(b, b + batch))
      ahead = await signRange(w + wave, w + wave + batch)
    }
    await Promise.all(sends)
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
