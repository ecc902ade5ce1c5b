import type { RunContext } from './run-context'

/** Engine-driven mining: one block, with no send in flight, then read it at once. */
export async function mineBlock(ctx: RunContext): Promise<void> {
  await ctx.gate.exclusive(() => ctx.conn.request('evm_mine'))
  await ctx.tracker.sync()
}
