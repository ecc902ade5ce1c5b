import type { Address } from 'viem'
import type { Dispatcher } from '../dispatcher'
import type { WorkSource } from '../plan'
import type { RunContext } from '../run-context'
import { sendOneAndWait } from './one-at-a-time'

/**
 * Closed model: one simulated user per account, each sending its next tx after the previous
 * one is mined and a think-time (`delayMs`), all users side by side.
 */
export async function runMultiUser(ctx: RunContext, dispatcher: Dispatcher, work: WorkSource): Promise<void> {
  const user = async (from: Address, offset: number) => {
    // Users start spread over one think-time, as real users would not all click at once.
    await ctx.control.sleep(ctx.config.delayMs ? Math.round((offset / ctx.senders.length) * ctx.config.delayMs) : 0)
    while (true) {
      await ctx.control.whileRunnable()
      if (ctx.control.stopping) return
      const planned = work.nextFor(from)
      if (!planned) return
      await sendOneAndWait(ctx, dispatcher, planned, from, true)
      await ctx.control.sleep(ctx.config.delayMs)
    }
  }
  await Promise.all(ctx.senders.map((a, i) => user(a, i)))
}
