import { type Hex, hexToNumber } from 'viem'
import { stuckHint } from '../chain/mining-advice'
import type { RunContext } from './run-context'

/**
 * Pending txs and no new block for `stuckAfterMs`: say so with the likely cause for what mines in
 * this run, and on Anvil mine a block to release them (docs/config.md#mining-anvil).
 */
export function startStuckWatchdog(ctx: RunContext) {
  let lastBlockAt = Date.now()
  let lastHead = ctx.tracker.lastSeen
  let checking = false
  const timer = setInterval(async () => {
    if (checking) return
    if (ctx.tracker.lastSeen !== lastHead) {
      lastHead = ctx.tracker.lastSeen
      lastBlockAt = Date.now()
      return
    }
    const pending = ctx.ledger.counts.submitted
    if (pending === 0) {
      lastBlockAt = Date.now()
      return
    }
    const quietMs = Date.now() - lastBlockAt
    if (quietMs < ctx.config.stuckAfterMs) return
    checking = true
    try {
      const pool = ctx.node.isAnvil
        ? ((await ctx.conn.request('txpool_status').catch(() => undefined)) as
            | { pending: Hex; queued: Hex }
            | undefined)
        : undefined
      const inPool = pool
        ? ` (node pool: ${hexToNumber(pool.pending)} pending, ${hexToNumber(pool.queued)} queued)`
        : ''
      const remedy = ctx.node.isAnvil && ctx.config.stuckRemedy === 'mine'
      ctx.bus.emit('event', {
        type: 'warning',
        at: Date.now(),
        code: 'stuck-pending',
        message: `${pending} transactions pending and no new block for ${Math.round(quietMs / 1000)} s${inPool}.${remedy ? ' Mining a block to release them.' : ''}`,
        hint: stuckHint(ctx.mining, ctx.node),
      })
      if (remedy) {
        await ctx.gate.exclusive(() => ctx.conn.request('evm_mine')).catch(() => undefined)
        ctx.tracker.poke()
      }
      lastBlockAt = Date.now()
    } finally {
      checking = false
    }
  }, 250)
  return () => clearInterval(timer)
}
