import { type Address, type Hex, hexToBigInt, toHex } from 'viem'
import type { Connection } from '../chain/connection'
import type { NodeInfo } from '../chain/node-info'
import { type Fees, signTx } from '../chain/signer'
import { classifyError } from '../errors/classify'
import type { Sender } from './sender'

/** One tx of a set-up batch: a transfer, or a call when it has data. */
export type BatchTx = { to: Address; value: bigint; data?: Hex; gas?: bigint }

export type SendBatchParameters = {
  conn: Connection
  node: NodeInfo
  from: Sender
  txs: readonly BatchTx[]
  fees: Fees
  /** Engine-driven mining: how to get a block (through the run's send gate during a run). */
  mine?: () => Promise<unknown>
  timeoutMs: number
  onProgress?: (done: number, total: number) => void
  /** Return reverted receipts instead of throwing (the caller names the step and decodes why). */
  allowRevert?: boolean
}

/** The receipt of one set-up tx, in the order the txs were given. */
export type BatchReceipt = { hash: Hex; ok: boolean; gasUsed: bigint; blockNumber: bigint }

const batch = 100

/**
 * Set-up txs from one account (funding, top-ups, token mints): nonces assigned in order, sent in
 * JSON-RPC batches of 100, mined on demand in engine mining, and awaited until every one has a
 * successful receipt. Any refusal is thrown: a half-prepared run must not start.
 */
export async function sendBatch(p: SendBatchParameters): Promise<BatchReceipt[]> {
  const { conn, from } = p
  let nonce = Number(hexToBigInt(await conn.request('eth_getTransactionCount', [from.address, 'pending'])))
  const hashes: Hex[] = []
  for (let i = 0; i < p.txs.length; i += batch) {
    const slice = p.txs.slice(i, i + batch)
    const requests = await Promise.all(
      slice.map(async (t) => {
        const n = nonce++
        if (from.kind === 'local') {
          const { raw } = await signTx(from.privateKey, {
            chainId: p.node.chainId,
            nonce: n,
            to: t.to,
            value: t.value,
            data: t.data,
            gas: t.gas ?? 21_000n,
            fees: p.fees,
          })
          return ['eth_sendRawTransaction', [raw]] as const
        }
        const fees =
          p.fees.type === 'eip1559'
            ? { maxFeePerGas: toHex(p.fees.maxFeePerGas), maxPriorityFeePerGas: toHex(p.fees.maxPriorityFeePerGas) }
            : { gasPrice: toHex(p.fees.gasPrice) }
        const tx = {
          from: from.address,
          to: t.to,
          value: toHex(t.value),
          ...(t.data ? { data: t.data } : {}),
          gas: toHex(t.gas ?? 21_000n),
          nonce: toHex(n),
          ...fees,
        }
        return ['eth_sendTransaction', [tx]] as const
      }),
    )
    try {
      hashes.push(...(await Promise.all(requests.map(([m, params]) => conn.request(m, [...params])))))
    } catch (error) {
      throw classifyError(error)
    }
    await p.mine?.()
  }
  const receipts = await awaitReceipts(conn, hashes, p.timeoutMs, p.mine, (done) => p.onProgress?.(done, hashes.length))
  const failed = receipts.find((r) => !r.ok)
  if (failed && !p.allowRevert) throw new Error(`set-up tx ${failed.hash} reverted`)
  return receipts
}

async function awaitReceipts(
  conn: Connection,
  hashes: Hex[],
  timeoutMs: number,
  mine: (() => Promise<unknown>) | undefined,
  onProgress: (done: number) => void,
): Promise<BatchReceipt[]> {
  const open = new Set(hashes)
  const done = new Map<Hex, BatchReceipt>()
  const deadline = Date.now() + timeoutMs
  while (open.size) {
    const list = [...open]
    const receipts = await Promise.all(list.map((h) => conn.request('eth_getTransactionReceipt', [h])))
    receipts.forEach((r, i) => {
      const hash = list[i] as Hex
      if (!r) return
      const ok = r.status === '0x1'
      done.set(hash, { hash, ok, gasUsed: hexToBigInt(r.gasUsed), blockNumber: hexToBigInt(r.blockNumber) })
      open.delete(hash)
    })
    onProgress(hashes.length - open.size)
    if (!open.size) break
    if (Date.now() > deadline) throw new Error(`${open.size} set-up txs were not mined within ${timeoutMs} ms`)
    await mine?.()
    await new Promise((r) => setTimeout(r, 100))
  }
  return hashes.map((h) => done.get(h) as BatchReceipt)
}
