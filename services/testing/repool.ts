import { openRecords } from './open-records'
import { byAccount, resendInNonceOrder } from './resend'
import type { RunContext } from './run-context'

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
  // Mid-run, signed txs waiting for their turn are not in the pool: they go out as planned.
  const stranded = byAccount(
    openRecords(ctx).filter((r) => r.raw && r.nonce !== undefined && (!atNodeOnly || r.state === 'submitted')),
  )
  if (!stranded.size) return false
  ctx.bus.emit('event', {
    type: 'warning',
    at: Date.now(),
    code: 'stranded-queue',
    message: `${[...stranded.values()].reduce((n, l) => n + l.length, 0)} transactions of ${stranded.size} account(s) stayed in Anvil's pool through blocks that had room for them: resending them in nonce order.`,
    hint: 'A known Anvil 1.7.1 pool issue (future-nonce and oversized txs left queued); recovered automatically.',
  })
  await ctx.beforeSend()
  await Promise.all(
    [...stranded.entries()].map(async ([from, records]) => {
      await ctx.conn.request('anvil_removePoolTransactions', [from]).catch(() => undefined)
      await resendInNonceOrder(ctx, records)
    }),
  )
  return true
}
