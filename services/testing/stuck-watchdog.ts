import { type Hex, hexToNumber } from 'viem'
import type { RunContext } from './run-context'

/**
 * Pending txs and no new block for `stuckAfterMs`: say so, and on Anvil mine a block to release
 * them (Anvil 1.7.1's automine strands txs under load, foundry issue #10122).
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
        hint: ctx.node.isAnvil
          ? 'Anvil automine can strand transactions under load: use mining "engine" (fastest) or "interval" (realistic latency), or keep stuckRemedy "mine".'
          : 'The node is not producing blocks or not including these transactions: check its block production and tx pool.',
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
