import type { Dispatcher } from '../dispatcher'
import type { WorkSource } from '../plan'
import type { RunContext } from '../run-context'
import { sendOneAndWait } from './one-at-a-time'

/** One transaction at a time, optionally waiting for each receipt, with a delay between. */
export async function runSequential(ctx: RunContext, dispatcher: Dispatcher, work: WorkSource): Promise<void> {
  let first = true
  const { pace } = ctx
  while (true) {
    await pace.wait('paused', ctx.control.whileRunnable())
    if (ctx.control.stopping || !work.hasMore()) return
    if (!first) await pace.wait('delay', ctx.control.sleep(ctx.config.delayMs))
    first = false
    if (ctx.control.stopping) return
    await pace.wait('paused', ctx.control.whileRunnable())
    if (ctx.control.stopping) return
    const planned = work.next()
    const from = planned?.from ?? ctx.rotation.pick(() => true)
    if (!planned || !from) return
    // Signing is ~50 µs of it; the rest is the node's answer and its receipt.
    await pace.wait('node', sendOneAndWait(ctx, dispatcher, planned, from, ctx.config.waitForReceipt))
  }
}
