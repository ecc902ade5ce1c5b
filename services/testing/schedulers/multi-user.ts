import type { Address } from 'viem'
import type { Dispatcher } from '../dispatcher'
import type { WorkSource } from '../plan'
import type { RunContext } from '../run-context'
import { sendOneAndWait } from './one-at-a-time'

/**
 * Closed model: one simulated user per account, each sending its next tx after the previous
 * one is mined and a think-time (`delayMs`), all users side by side. Txs with no fixed sender
 * are shared out evenly up front (user i sends ⌊planned/users⌋, the first `planned % users`
 * one more), so a fast user does not take a slow one's journey and funding matches the preview.
 */
export async function runMultiUser(
  ctx: RunContext,
  dispatcher: Dispatcher,
  work: WorkSource,
  planned: number,
): Promise<void> {
  const users = ctx.senders.length
  const quota = (i: number) => Math.floor(planned / users) + (i < planned % users ? 1 : 0)
  const user = async (from: Address, i: number) => {
    // Users start spread over one think-time, as real users would not all click at once.
    await ctx.control.sleep(ctx.config.delayMs ? Math.round((i / users) * ctx.config.delayMs) : 0)
    let shared = 0
    while (true) {
      await ctx.control.whileRunnable()
      if (ctx.control.stopping) return
      const next = work.nextFor(from, shared >= quota(i))
      if (!next) return
      if (next.from === undefined) shared++
      await sendOneAndWait(ctx, dispatcher, next, from, true)
      await ctx.control.sleep(ctx.config.delayMs)
    }
  }
  await Promise.all(ctx.senders.map((a, i) => user(a, i)))
}
