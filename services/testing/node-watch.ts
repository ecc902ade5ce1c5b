import { applyMining } from '../chain/mining'
import type { RunStatus } from '../run-model/status'
import type { RunEvent } from './events'
import { openRecords } from './open-records'
import { reconcileAfterGap } from './reconcile'
import { byAccount, resendInNonceOrder } from './resend'
import type { RunContext } from './run-context'
import { emitTxError } from './tx-error-event'

export type NodeWatch = {
  /** The tracker could not reach the node; true for the first failure of a streak. */
  failure(): boolean
  /** The tracker reached the node (called from inside its poll): after failures, reconcile. */
  ok(): Promise<void>
  /** The tracker found the chain changed under it (called from inside its poll). */
  rewound(): Promise<void>
  /** Set once the node's chain shares no history with ours: nothing more is sent. */
  readonly chainReset: string | undefined
  /** Set once the node has not answered for `nodeLostAfterMs`: the run ends. */
  readonly nodeLost: string | undefined
  /**
   * The node answers, but a read of its blocks failed (`failedPolls` in a row): warned at once,
   * and after `maxFailedPolls` the run stops sending and settles what it sent from the chain.
   */
  unreadable(error: unknown, failedPolls: number): void
  /** Set once the blocks stayed unreadable: the run ends failed, never silently stalled. */
  readonly blocksUnreadable: string | undefined
  stop(): void
}

/**
 * Watches whether the node answers and whether its chain is the one we read
 * (docs/architecture.md#gaps). Unreachable for `nodeDownAfterMs`: sends are held while the
 * tracker keeps trying. After any gap — reads that failed, or blocks that went back or changed — the
 * chain is reconciled with the ledger: the txs of blocks that left the chain are open again,
 * open txs whose nonce the chain used are settled from it, lost ones are sent again, and the run
 * goes on. Only a chain that shares none of our history is a reset; a node silent for
 * `nodeLostAfterMs` is lost, and the run ends with what could not be learned marked unconfirmed.
 */
/** Failed block reads in a row, with the node answering, before the run stops (~5 s of polls). */
export const maxFailedPolls = 50

export function startNodeWatch(ctx: RunContext): NodeWatch {
  let failingSince: number | undefined
  let blocksUnreadable: string | undefined
  let down = false
  let chainReset: string | undefined
  let nodeLost: string | undefined
  let probe: NodeJS.Timeout | undefined

  const over = () => chainReset !== undefined || nodeLost !== undefined
  const status = (s: RunStatus) => ctx.bus.emit('event', { type: 'status', at: Date.now(), status: s })
  /** The run's status before the node went away (running, paused, draining): restored after. */
  let before: RunStatus = 'running'
  const remember = (e: RunEvent) => {
    if (e.type === 'status' && e.status !== 'waiting-for-node') before = e.status
  }
  ctx.bus.on('event', remember)
  const silentForMs = () => Date.now() - (failingSince ?? Date.now())

  function goDown() {
    down = true
    ctx.control.hold()
    status('waiting-for-node')
    ctx.bus.emit('event', {
      type: 'warning',
      at: Date.now(),
      code: 'node-unreachable',
      message: `The node has not answered for ${Math.round(silentForMs() / 1000)} s: sending is on hold, probing once a second (the run ends if it stays silent for ${Math.round(ctx.config.nodeLostAfterMs / 1000)} s).`,
      hint: 'Check that the node is running and reachable; the run resumes by itself when it answers.',
    })
    // The tracker keeps polling (it is the probe); this only decides when to give up.
    probe = setInterval(() => {
      if (silentForMs() >= ctx.config.nodeLostAfterMs) lose()
    }, 1_000)
  }

  /** Brings the ledger in line with the chain after a gap; sending is held meanwhile. */
  async function reconcile() {
    if (over()) return
    ctx.control.hold()
    try {
      const gap = await reconcileAfterGap(ctx)
      if (gap.kind === 'reset') return reset(gap.why)
      if (gap.kind === 'reorg')
        ctx.bus.emit('event', {
          type: 'warning',
          at: Date.now(),
          code: 'reorg',
          message: `The chain went back from block ${gap.from}: it agrees with the blocks we read up to block ${gap.to}; ${gap.reopened} of our txs were in blocks above it and are pending again until the chain includes them anew.`,
          hint: 'A reorg, a rollback, or a node restarted from a state older than its last blocks. The run goes on; txs the node lost are sent again.',
        })
      // A restarted Anvil mines as it was started, not as the run set it: set it again.
      await applyMining(ctx.conn, ctx.node, ctx.mining, ctx.config.blockTime)
      await Promise.all(ctx.senders.map((a) => ctx.nonces.resync(a)))
      await resendLost(ctx)
      if (down) {
        clearInterval(probe)
        down = false
        failingSince = undefined
        ctx.bus.emit('event', {
          type: 'log',
          at: Date.now(),
          message: 'The node answers again: chain reconciled, nonces re-read, lost txs sent again, sending resumed.',
        })
        status(ctx.control.userPaused && before === 'running' ? 'paused' : before)
      }
    } finally {
      if (!down && !over()) ctx.control.release()
    }
  }

  function reset(why: string) {
    if (over()) return
    chainReset = why
    clearInterval(probe)
    ctx.bus.emit('event', {
      type: 'warning',
      at: Date.now(),
      code: 'chain-reset',
      message: `The node's chain changed mid-run: ${why}. Open transactions are gone with the old chain; the run stops.`,
      hint: 'The node started a fresh chain (an Anvil restart without --state): start the run again.',
    })
    for (const r of openRecords(ctx)) {
      if (r.hash) ctx.tracker.unwatch(r.hash)
      ctx.ledger.move(r, r.state === 'submitted' ? 'dropped' : 'failed', {
        error: { kind: 'unknown', message: `Lost with the node's chain: ${why}` },
      })
    }
    ctx.control.stop()
    ctx.control.release()
  }

  function lose() {
    if (over()) return
    nodeLost = `the node has not answered for ${Math.round(silentForMs() / 1000)} s (nodeLostAfterMs: ${ctx.config.nodeLostAfterMs})`
    clearInterval(probe)
    ctx.bus.emit('event', {
      type: 'warning',
      at: Date.now(),
      code: 'node-lost',
      message: `Giving up on the node: ${nodeLost}. Txs never sent are cancelled; those sent are unconfirmed.`,
      hint: 'Restart the node and run again, or raise nodeLostAfterMs to wait longer for it.',
    })
    const error = {
      kind: 'node-lost' as const,
      message: `The node was lost before this tx's fate was known: ${nodeLost}`,
    }
    for (const r of openRecords(ctx)) {
      if (r.hash) ctx.tracker.unwatch(r.hash)
      if (r.attempts === 0) {
        ctx.ledger.move(r, 'cancelled')
        continue
      }
      ctx.ledger.move(r, 'unconfirmed', { error })
      emitTxError(ctx.bus, r, error, false)
    }
    ctx.control.stop()
    ctx.control.release()
  }

  return {
    failure() {
      if (over()) return false
      const first = failingSince === undefined
      failingSince ??= Date.now()
      if (!down && silentForMs() >= ctx.config.nodeDownAfterMs) goDown()
      return first
    },
    async ok() {
      if (failingSince === undefined || over()) return
      // Any reads that failed are a gap in what we saw: the node may have restarted meanwhile.
      await reconcile()
      failingSince = undefined
    },
    rewound: () => reconcile(),
    unreadable(error, failedPolls) {
      if (over() || blocksUnreadable) return
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
      if (failedPolls === 1)
        ctx.bus.emit('event', {
          type: 'warning',
          at: Date.now(),
          code: 'tracker-error',
          message: `Reading blocks failed: ${why} (the node answers; reading again, the run stops after ${maxFailedPolls} failures in a row)`,
        })
      if (failedPolls < maxFailedPolls) return
      blocksUnreadable = `${failedPolls} reads of the node's blocks in a row failed: ${why}`
      ctx.bus.emit('event', {
        type: 'warning',
        at: Date.now(),
        code: 'blocks-unreadable',
        message: `Stopping: ${blocksUnreadable}. Nothing more is sent; the txs sent are settled from the chain by their nonces and receipts.`,
        hint: 'The node answers but its blocks cannot be read (see the error). Check the node, or a proxy in front of it that limits answers.',
      })
      ctx.control.stop()
    },
    get blocksUnreadable() {
      return blocksUnreadable
    },
    get chainReset() {
      return chainReset
    },
    get nodeLost() {
      return nodeLost
    },
    stop() {
      clearInterval(probe)
      ctx.bus.off('event', remember)
    },
  }
}

/** Txs sent before the gap that the node does not know: sent again, in nonce order. */
async function resendLost(ctx: RunContext) {
  const open = openRecords(ctx).filter((r) => r.raw && r.hash && r.state === 'submitted')
  const known = await Promise.all(
    open.map((r) => (r.hash ? ctx.conn.request('eth_getTransactionByHash', [r.hash]).catch(() => null) : null)),
  )
  const lost = open.filter((r, i) => !known[i] || r.stale)
  if (!lost.length) return
  ctx.bus.emit('event', {
    type: 'log',
    at: Date.now(),
    message: `The node does not know ${lost.length} of our pending txs (lost with its pool or with blocks that left the chain): sending them again.`,
  })
  await ctx.beforeSend()
  for (const r of lost) ctx.ledger.update(r, { stale: undefined })
  for (const records of byAccount(lost).values()) await resendInNonceOrder(ctx, records)
}
