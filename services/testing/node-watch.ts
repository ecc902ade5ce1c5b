import type { Hex } from 'viem'
import type { RunContext } from './run-context'
import type { TxRecord } from './tx'

export type NodeWatch = {
  /** The tracker could not reach the node. */
  failure(): void
  /** The tracker reached the node. */
  ok(): void
  /** The chain went backwards or changed under us (the node restarted with a fresh chain). */
  reset(why: string): void
  readonly chainReset: string | undefined
  stop(): void
}

/**
 * Watches whether the node answers. Unreachable for `nodeDownAfterMs`: the run holds its sends
 * ("waiting for node") and probes once a second. Back with the same chain: nonces are re-read,
 * txs whose fate is unknown are checked and sent again, and the run goes on. Back with another
 * chain (an Anvil restart loses everything): every open tx is dropped — it is gone with the old
 * chain — and the run stops, saying so, rather than counting old txs as mined.
 */
export function startNodeWatch(ctx: RunContext): NodeWatch {
  let failingSince: number | undefined
  let down = false
  let chainReset: string | undefined
  let probe: NodeJS.Timeout | undefined

  const status = (s: 'waiting-for-node' | 'running') =>
    ctx.bus.emit('event', { type: 'status', at: Date.now(), status: s })

  function goDown() {
    down = true
    ctx.control.hold()
    status('waiting-for-node')
    ctx.bus.emit('event', {
      type: 'warning',
      at: Date.now(),
      code: 'node-unreachable',
      message: `The node has not answered for ${Math.round((Date.now() - (failingSince ?? Date.now())) / 1000)} s: sending is on hold, probing once a second.`,
      hint: 'Check that the node is running and reachable; the run resumes by itself when it answers.',
    })
    probe = setInterval(() => void tryProbe(), 1_000)
  }

  let probing = false
  async function tryProbe() {
    if (probing || !down) return
    probing = true
    try {
      const chainId = Number(BigInt((await ctx.conn.request('eth_chainId')) as Hex))
      const seen = ctx.tracker.lastSeen
      const block = (await ctx.conn.request('eth_getBlockByNumber', [`0x${seen.toString(16)}`, false])) as {
        hash: Hex
      } | null
      const knownHash = ctx.tracker.lastSeenHash
      if (chainId !== ctx.node.chainId)
        return reset(`the node now reports chain id ${chainId} (was ${ctx.node.chainId})`)
      if (!block || (knownHash && block.hash !== knownHash))
        return reset(
          `block ${seen} is ${block ? 'a different block' : 'gone'}: the chain was reset (the node restarted)`,
        )
      await recover()
    } catch {
      // still down
    } finally {
      probing = false
    }
  }

  async function recover() {
    clearInterval(probe)
    await Promise.all(ctx.senders.map((a) => ctx.nonces.resync(a)))
    await resendLost(ctx)
    down = false
    failingSince = undefined
    ctx.control.release()
    ctx.bus.emit('event', {
      type: 'log',
      at: Date.now(),
      message: 'The node answers again: nonces re-read, lost txs sent again, sending resumed.',
    })
    if (!ctx.control.userPaused && !ctx.control.stopping) status('running')
  }

  function reset(why: string) {
    if (chainReset) return
    chainReset = why
    clearInterval(probe)
    ctx.bus.emit('event', {
      type: 'warning',
      at: Date.now(),
      code: 'chain-reset',
      message: `The node's chain changed mid-run: ${why}. Open transactions are gone with the old chain; the run stops.`,
      hint: 'An Anvil restart starts a fresh chain: start the run again (use --state/--dump-state on Anvil to keep a chain across restarts).',
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

  return {
    failure() {
      if (chainReset) return
      failingSince ??= Date.now()
      if (!down && Date.now() - failingSince >= ctx.config.nodeDownAfterMs) goDown()
    },
    ok() {
      if (!down) failingSince = undefined
    },
    reset,
    get chainReset() {
      return chainReset
    },
    stop() {
      clearInterval(probe)
    },
  }
}

function openRecords(ctx: RunContext): TxRecord[] {
  const open: TxRecord[] = []
  for (const r of ctx.ledger.records.values()) if (!ctx.ledger.terminal(r)) open.push(r)
  for (const r of ctx.ledger.fillers) if (!ctx.ledger.terminal(r)) open.push(r)
  return open
}

/** Txs sent before the node went away that it does not know: sent again, in nonce order. */
async function resendLost(ctx: RunContext) {
  const open = openRecords(ctx).filter((r) => r.raw && r.hash && r.state === 'submitted')
  const known = await Promise.all(
    open.map((r) => ctx.conn.request('eth_getTransactionByHash', [r.hash]).catch(() => null)),
  )
  const lost = open.filter((_, i) => !known[i]).sort((a, b) => (a.nonce ?? 0) - (b.nonce ?? 0))
  ctx.beforeSend()
  for (const r of lost)
    await ctx.gate.shared(() => ctx.conn.request('eth_sendRawTransaction', [r.raw])).catch(() => undefined)
}
