import { type Hex, toHex } from 'viem'
import { revertDataOf } from '../chain/revert-data'
import type { Inclusion } from './receipts'
import type { RunContext } from './run-context'
import type { TxRecord } from './tx'
import { emitTxError } from './tx-error-event'

/** Reverted txs whose reason is looked up (a replay each): enough to name every distinct reason. */
const maxReplays = 500

/** A receipt seen for one of our hashes: the tx's terminal state, from the chain's answer. */
export function applyInclusion(ctx: RunContext, inc: Inclusion) {
  const r = ctx.byHash.get(inc.hash)
  if (!r) return
  ctx.tracker.unwatch(inc.hash)
  if (r.replacement && settleReplaced(ctx, r, inc)) return
  const moved = ctx.ledger.move(r, inc.status === 'success' ? 'mined' : 'reverted', {
    includedAt: inc.seenAt,
    blockNumber: inc.blockNumber,
    gasUsed: inc.gasUsed,
    effectiveGasPrice: inc.effectiveGasPrice,
    ...(inc.type !== undefined && { receiptType: inc.type }),
    ...(inc.blobGasUsed !== undefined && { blobGasUsed: inc.blobGasUsed, blobGasPrice: inc.blobGasPrice }),
  })
  if (moved && inc.status === 'reverted' && ctx.replays.count++ < maxReplays) {
    const job = explainRevert(ctx, r).finally(() => ctx.replays.pending.delete(job))
    ctx.replays.pending.add(job)
  }
}

/**
 * A replaced tx: the hash the chain included wins, the others can never be mined (one nonce).
 * A cancel that won takes the tx's nonce without its call: the tx is dropped, its nonce used.
 * Returns true when it settled the tx (a cancel); false leaves it to be counted as included.
 */
function settleReplaced(ctx: RunContext, r: TxRecord, inc: Inclusion): boolean {
  const hashes = r.replacement?.hashes ?? new Map()
  for (const h of hashes.keys())
    if (h !== inc.hash) {
      ctx.tracker.unwatch(h)
      if (ctx.byHash.get(h) === r) ctx.byHash.delete(h)
    }
  ctx.ledger.update(r, { hash: inc.hash })
  if (hashes.get(inc.hash) !== 'cancel') return false
  const error = {
    kind: 'nonce-taken' as const,
    message: `Cancelled after replaceAfterMs: its 0-value self-transfer ${inc.hash} took nonce ${r.nonce} in block ${inc.blockNumber}`,
  }
  if (ctx.ledger.move(r, 'dropped', { error, nonceUsed: true, blockNumber: inc.blockNumber, gasUsed: inc.gasUsed }))
    emitTxError(ctx.bus, r, error, false)
  return true
}

/**
 * Receipts carry no reason: replay the call on the state before its block and decode what it
 * returns with the scenario's ABI. The reason is attached to the tx and counted as an error.
 */
async function explainRevert(ctx: RunContext, r: TxRecord) {
  if (r.blockNumber === undefined) return
  let data: Hex | undefined
  try {
    await ctx.conn.request('eth_call', [
      { from: r.from, to: r.to, data: r.data, value: toHex(r.value), gas: toHex(r.gas) },
      toHex(r.blockNumber - 1n),
    ])
  } catch (error) {
    data = revertDataOf(error)
  }
  const error = ctx.decodeRevert?.(data) ?? {
    kind: 'reverted' as const,
    message: data && data !== '0x' ? `reverted with data ${data.slice(0, 74)}` : 'reverted without a reason',
  }
  ctx.ledger.annotate(r, { error })
  emitTxError(ctx.bus, r, error, false)
}
