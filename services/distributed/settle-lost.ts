import { type Address, type Hex, hexToBigInt } from 'viem'
import type { Connection } from '../chain/connection'
import type { NodeInfo } from '../chain/node-info'
import type { TxEvent } from '../testing/events'
import type { TxState } from '../testing/tx'
import { unincludedFate, unincludedReason } from '../testing/unincluded-fate'

type Receipt = { status: Hex; blockNumber: Hex; gasUsed: Hex } | null

/**
 * The fates of a lost worker's open txs, from the chain. On Anvil its accounts' txs are first
 * taken out of the pool, so a tx without a receipt afterwards can never be mined: it is free to be
 * sent again, and goes back to the caller with the never-sent ones. Elsewhere the pool cannot be
 * emptied: each tx gets until `waitMs` to be mined, and one that is not ends failed or dropped
 * (the drain's rule). Returns the terminal events, and the indexes the caller may hand on.
 */
export async function settleLost(p: {
  conn: Connection
  node: NodeInfo
  open: readonly TxEvent[]
  senders: readonly Address[]
  waitMs: number
}): Promise<{ settled: TxEvent[]; free: number[] }> {
  const { conn, node } = p
  const sent = p.open.filter((e) => e.hash)
  if (node.isAnvil)
    await Promise.all(p.senders.map((a) => conn.request('anvil_removePoolTransactions', [a]).catch(() => undefined)))
  const read = (e: TxEvent) =>
    conn.request('eth_getTransactionReceipt', [e.hash as Hex]).catch(() => null) as Promise<Receipt>
  let receipts = await Promise.all(sent.map(read))
  const deadline = Date.now() + (node.isAnvil ? 0 : p.waitMs)
  while (receipts.some((r) => !r) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1_000))
    receipts = await Promise.all(sent.map((e, i) => (receipts[i] ? receipts[i] : read(e))))
  }
  const now = Date.now()
  const settled: TxEvent[] = []
  const free = p.open.filter((e) => !e.hash).map((e) => e.idx)
  for (const [i, e] of sent.entries()) {
    const r = receipts[i]
    if (r) {
      const state: TxState = r.status === '0x1' ? 'mined' : 'reverted'
      settled.push({
        ...e,
        at: now,
        prev: e.state,
        state,
        blockNumber: hexToBigInt(r.blockNumber),
        gasUsed: hexToBigInt(r.gasUsed),
      })
    } else if (node.isAnvil) free.push(e.idx)
    else {
      const state = unincludedFate({ state: e.state, error: e.error ?? null })
      settled.push({
        ...e,
        at: now,
        prev: e.state,
        state,
        error: {
          kind: 'unknown',
          // Not Anvil: its pool could not be emptied.
          message: unincludedReason(state, 'its worker was lost', false),
        },
      })
    }
  }
  return { settled, free }
}
