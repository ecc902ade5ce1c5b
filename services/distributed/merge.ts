import type { AccountState } from '../accounts/balance-monitor'
import type { RunStatus } from '../run-model/status'
import type { RunEvent, RunEventBus, TxEvent } from '../testing/events'
import { isIncluded, isTerminal, type TxState } from '../testing/tx'
import type { BatchSource } from './shard-job'

/** A block is announced once every live shard has reported it, or after this long. */
const blockWaitMs = 500

type BlockEvent = Extract<RunEvent, { type: 'block' }>

export type Merge = ReturnType<typeof createMerge>

/**
 * The workers' events made into one run's events on the coordinator's bus, where its run model,
 * store and live feed take them as from one engine (docs/distributed.md#merge):
 * - a tx's `prev` is the state the coordinator knows, so a tx handed on after a loss is counted
 *   once; only the shard's current attempt speaks for it;
 * - gap fills get run-wide indexes (each worker numbers its own from -1);
 * - a block is one event, its `ours` summed over the workers that saw it;
 * - statuses combine: paused once every live shard is, draining once every live shard is.
 */
export function createMerge(bus: RunEventBus, planned: number) {
  const open = new Map<number, TxEvent>()
  const seen = new Uint8Array(planned)
  const attemptOf = new Map<number, number>()
  const workerOf = new Map<string, string>()
  const gapIndex = new Map<string, number>()
  const included = new Map<string, number>()
  const status = new Map<number, RunStatus>()
  const accounts = new Map<number, AccountState[]>()
  const blocks = new Map<bigint, { e: BlockEvent; shards: Set<number>; timer: NodeJS.Timeout }>()
  let lastBlock = -1n
  let said: RunStatus | undefined
  let gapFills = 0

  function emitTx(e: TxEvent, source: string) {
    if (e.role === 'gap-fill') {
      const key = `${source}:${e.idx}`
      let idx = gapIndex.get(key)
      if (idx === undefined) {
        idx = -++gapFills
        gapIndex.set(key, idx)
      }
      countInclusion(e.from, e.prev, e.state)
      bus.emit('event', { ...e, idx })
      return
    }
    const known = open.get(e.idx)
    const prev: TxState = known ? known.state : seen[e.idx] ? e.prev : 'planned'
    seen[e.idx] = 1
    const merged = { ...e, prev }
    if (isTerminal(e.state)) open.delete(e.idx)
    else open.set(e.idx, merged)
    countInclusion(e.from, prev, e.state)
    bus.emit('event', merged)
  }

  function countInclusion(from: string, prev: TxState, next: TxState) {
    if (isIncluded(next) && !isIncluded(prev)) {
      const key = from.toLowerCase()
      included.set(key, (included.get(key) ?? 0) + 1)
    }
  }

  function live(): number[] {
    return [...status.entries()]
      .filter(([, s]) => s !== 'completed' && s !== 'stopped' && s !== 'failed')
      .map(([k]) => k)
  }

  function combineStatus() {
    const states = live().map((k) => status.get(k))
    if (!states.length) return
    // A shard still preparing (or waiting for a worker) sends nothing, and starts paused if the run
    // is: it does not hold the run's pause back.
    const next: RunStatus | undefined =
      states.some((s) => s === 'paused') && states.every((s) => s === 'paused' || s === 'preparing')
        ? 'paused'
        : states.some((s) => s === 'running' || s === 'paused')
          ? 'running'
          : states.every((s) => s === 'draining')
            ? 'draining'
            : undefined
    if (next && next !== said) {
      said = next
      bus.emit('event', { type: 'status', at: Date.now(), status: next })
    }
  }

  function onBlock(e: BlockEvent, shard: number) {
    if (e.number <= lastBlock) return
    const held = blocks.get(e.number)
    if (!held) {
      const timer = setTimeout(() => announce(e.number), blockWaitMs)
      blocks.set(e.number, { e, shards: new Set([shard]), timer })
    } else if (!held.shards.has(shard)) {
      held.shards.add(shard)
      held.e = { ...held.e, ours: held.e.ours + e.ours }
    }
    const now = blocks.get(e.number)
    if (now && live().every((k) => now.shards.has(k))) announce(e.number)
  }

  function announce(n: bigint) {
    // Blocks go out in order: any held below this one go first.
    for (const [k, held] of [...blocks.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (k > n) break
      clearTimeout(held.timer)
      blocks.delete(k)
      if (k <= lastBlock) continue
      lastBlock = k
      bus.emit('event', held.e)
    }
  }

  return {
    /** A shard's attempt starts: from now on only its events speak for the shard. */
    begin(shard: number, attempt: number) {
      attemptOf.set(shard, attempt)
      status.set(shard, 'preparing')
    },
    /** A shard is over (its outcome is in, or it was lost and settled). */
    end(shard: number) {
      attemptOf.delete(shard)
      status.set(shard, 'completed')
      combineStatus()
    },
    onBatch(source: BatchSource, events: RunEvent[]) {
      if (attemptOf.get(source.shard) !== source.attempt) return
      const from = `${source.shard}.${source.attempt}`
      if (!workerOf.has(from)) workerOf.set(from, source.worker)
      for (const e of events) {
        switch (e.type) {
          case 'tx':
            emitTx(e, from)
            break
          case 'block':
            onBlock(e, source.shard)
            break
          case 'status':
            status.set(source.shard, e.status)
            combineStatus()
            break
          case 'accounts':
            accounts.set(source.shard, e.accounts)
            bus.emit('event', { ...e, accounts: [...accounts.values()].flat() })
            break
          case 'stage':
            if (source.shard === 0) bus.emit('event', e)
            break
          // The coordinator funded every sender and planned the run: these are its own to say.
          case 'funding':
          case 'planned':
            break
          case 'log':
            bus.emit('event', { ...e, message: `shard ${source.shard}: ${e.message}` })
            break
          case 'error':
            bus.emit('event', e.idx !== undefined && e.idx < 0 ? { ...e, idx: gapIndex.get(`${from}:${e.idx}`) } : e)
            break
          default:
            bus.emit('event', e)
        }
      }
    },
    /** The worker that sent a shard's attempt's first batch; null when none came. */
    workerOf(shard: number, attempt: number): string | null {
      return workerOf.get(`${shard}.${attempt}`) ?? null
    },
    /** A settled fate, decided by the coordinator from the chain. */
    settle(e: TxEvent) {
      emitTx(e, 'coordinator')
    },
    /** The shard's txs still open, as last heard of. */
    openOf(indexes: ReadonlySet<number>): TxEvent[] {
      return [...open.values()].filter((e) => indexes.has(e.idx))
    },
    /** Of these, the ones no worker ever reported. */
    unseen(indexes: Iterable<number>): number[] {
      return [...indexes].filter((i) => !seen[i])
    },
    /** Included txs (gap fills too) per sender: the nonces the run used. */
    includedBy(address: string): number {
      return included.get(address.toLowerCase()) ?? 0
    },
    flushBlocks() {
      announce(lastBlock + (1n << 62n))
    },
    get gapFills() {
      return gapFills
    },
  }
}
