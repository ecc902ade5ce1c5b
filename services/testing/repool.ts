import type { Address } from 'viem'
import { retryTransient } from '../chain/connection'
import { classifyError } from '../errors/classify'
import { openRecords } from './open-records'
import type { RunContext } from './run-context'
import type { TxRecord } from './tx'

/** Blocks mined in a row, with room, holding none of our open txs: those txs are stranded. */
export const fruitlessBlocks = 3

/**
 * Anvil 1.7.1 can leave txs queued for good: one that arrived with a future nonce, even once the
 * gap below it is filled (docs/anvil.md#nonce-gap-queued-forever), and — seen here — txs that
 * once did not fit a block (docs/anvil.md#txs-that-did-not-fit-stay-queued). Its remedy: take the
 * account's txs out of the pool and send them again, one at a time in nonce order. Returns whether
 * anything was resent.
 */
export async function repool(ctx: RunContext, { atNodeOnly = false } = {}): Promise<boolean> {
  const byAccount = new Map<Address, TxRecord[]>()
  for (const r of openRecords(ctx)) {
    // Mid-run, signed txs waiting for their turn are not in the pool: they go out as planned.
    if (!r.raw || r.nonce === undefined || (atNodeOnly && r.state !== 'submitted')) continue
    const list = byAccount.get(r.from)
    if (list) list.push(r)
    else byAccount.set(r.from, [r])
  }
  if (!byAccount.size) return false
  ctx.bus.emit('event', {
    type: 'warning',
    at: Date.now(),
    code: 'stranded-queue',
    message: `${[...byAccount.values()].reduce((n, l) => n + l.length, 0)} transactions of ${byAccount.size} account(s) stayed in Anvil's pool through blocks that had room for them: resending them in nonce order.`,
    hint: 'A known Anvil 1.7.1 pool issue (future-nonce and oversized txs left queued); recovered automatically.',
  })
  ctx.beforeSend()
  await Promise.all(
    [...byAccount.entries()].map(async ([from, records]) => {
      await ctx.conn.request('anvil_removePoolTransactions', [from]).catch(() => undefined)
      for (const r of records.sort((a, b) => (a.nonce ?? 0) - (b.nonce ?? 0))) if (!(await resendInPlace(ctx, r))) break
    }),
  )
  return true
}

/** Tries per resend while the node or the way to it fails (429, 5xx, a cut answer). */
const resendRetries = 5

/**
 * Sends a stranded tx's signed bytes again; true when the node holds it (now, or already). A
 * transient failure is tried again: the same bytes cannot be taken twice. The account's later
 * txs wait on a false: sent over a missing nonce, they would only queue for good once more.
 */
async function resendInPlace(ctx: RunContext, r: TxRecord): Promise<boolean> {
  try {
    await retryTransient(() => ctx.gate.shared(() => ctx.router.resend(r)), resendRetries)
    return true
  } catch (error) {
    const kind = classifyError(error).kind
    return kind === 'already-known' || kind === 'nonce-too-low'
  }
}
