import type { Address } from 'viem'
import type { Dispatcher } from '../dispatcher'
import { mineBlock } from '../miner'
import type { RunContext } from '../run-context'
import type { PlannedTx, TxRecord } from '../tx'

/**
 * Sends one tx, sees its retries through, and (optionally) waits until it is mined: the step of
 * the sequential mode and of each simulated user.
 */
export async function sendOneAndWait(
  ctx: RunContext,
  dispatcher: Dispatcher,
  planned: PlannedTx,
  from: Address,
  waitForReceipt: boolean,
): Promise<TxRecord> {
  const r = dispatcher.recordFor(planned, from)
  await dispatcher.sign(r)
  // The receipt is read directly below: no block poll per tx (it would double the node's work).
  await dispatcher.send([r], { poke: !waitForReceipt })
  // A retry of this tx blocks its sender: see it through before the next one.
  while (ctx.retries.size && !ctx.ledger.terminal(r) && r.state === 'signed') {
    const due = await dispatcher.takeDueRetries(Number.POSITIVE_INFINITY)
    if (due.length) await dispatcher.send(due)
    else await ctx.notifier.wait(Math.max(1, (ctx.retries.nextDueAt() ?? Date.now() + 50) - Date.now()))
  }
  if (!waitForReceipt) return r
  if (ctx.mining === 'engine' && r.state === 'submitted') await mineBlock(ctx).catch(() => undefined)
  else await awaitReceiptDirectly(ctx, r)
  const deadline = Date.now() + ctx.config.inclusionTimeoutMs
  while (!ctx.ledger.terminal(r) && Date.now() < deadline) {
    ctx.tracker.poke()
    await ctx.notifier.wait(100)
  }
  return r
}

/**
 * Direct receipt reads: back to back (paced by the node's answers) for the first few, then backing
 * off 1, 2 … 64 ms, about one tracker interval, after which blocks decide. On Anvil the receipt is
 * there at the first read for a quarter of the txs and by the fourth for nine in ten: a timer
 * between reads (≥ 1 ms each) cost more than the reads (docs/architecture.md#sequential-mode).
 */
const directReadsMs = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64]

/**
 * One tx in flight on a node that mines on arrival: its receipt comes within milliseconds of the
 * send's answer (Anvil mines after answering, later as its chain grows), so it is asked for
 * rather than awaited from the next block poll (docs/architecture.md#sequential-mode).
 */
async function awaitReceiptDirectly(ctx: RunContext, r: TxRecord) {
  for (const ms of directReadsMs) {
    if (ms) await ctx.notifier.wait(ms)
    if (r.state !== 'submitted' || !r.hash) return
    if (await ctx.tracker.check(r.hash).catch(() => false)) return
  }
}
