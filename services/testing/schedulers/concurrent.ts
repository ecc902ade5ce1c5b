import type { Address } from 'viem'
import type { Dispatcher } from '../dispatcher'
import { createLoadProfile } from '../load-profile'
import { mineBlock } from '../miner'
import type { WaitReason } from '../pace-meter'
import type { WorkSource } from '../plan'
import { fruitlessBlocks, repool } from '../repool'
import type { RunContext } from '../run-context'
import type { TxRecord } from '../tx'

/** The least gas a tx can have: a wave with less room than this is full. */
const minTxGas = 21_000n

/** Batch requests out at once: enough to keep the node busy, few enough not to queue in it. */
const maxParallelRequests = 4

/**
 * Open or closed load: keeps up to `concurrency` txs in flight, optionally capped at `rate`
 * tx/s, sending JSON-RPC batches of `batchSize`.
 *
 * In engine-driven mining a "wave" of `concurrency` txs is sent, then one block is mined with no
 * send in flight; the next wave goes out while the tracker reads that block, and the next
 * batch is signed while the current ones are at the node.
 */
export async function runConcurrent(ctx: RunContext, dispatcher: Dispatcher, work: WorkSource): Promise<void> {
  const { config } = ctx
  const engine = ctx.mining === 'engine'
  // Where blocks are mined as txs arrive, one account's txs go one at a time so a later nonce
  // never reaches the node before an earlier one (it can stay queued forever:
  // docs/anvil.md#nonce-gap-queued-forever).
  const strict = !engine
  const outstanding = new Set<Promise<void>>()
  const ready: TxRecord[] = []
  let waveSent = 0
  /** Gas limits of the wave's txs: a wave is never more than one block holds (engine mining). */
  let waveGas = 0n
  const blockGas = ctx.node.blockGasLimit
  /** Blocks the engine mined in a row that took none of our txs at the node. */
  let fruitless = 0
  const profile = createLoadProfile(config, Date.now())
  let target = profile.at(Date.now()) ?? { rate: config.rate, concurrency: config.concurrency, stage: 0 }
  let tokens = target.rate ? Math.min(config.batchSize, target.rate) : Number.POSITIVE_INFINITY
  let lastRefill = Date.now()

  /** Follows the load profile; when its last stage ends, nothing more is planned. */
  const followProfile = () => {
    if (!config.stages || work.closed) return
    const next = profile.at(Date.now())
    if (!next) {
      work.close()
      ctx.ledger.setPlanned(work.taken)
      ctx.bus.emit('event', { type: 'planned', at: Date.now(), planned: work.taken, reason: 'the load profile ended' })
      return
    }
    if (next.stage !== target.stage) {
      const stage = config.stages[next.stage]
      ctx.bus.emit('event', {
        type: 'stage',
        at: Date.now(),
        index: next.stage,
        name: stage?.name ?? `stage ${next.stage + 1}`,
      })
    }
    target = next
  }

  const launch = (batch: TxRecord[]) => {
    waveSent += batch.length
    for (const r of batch) waveGas += r.gas
    const p = dispatcher
      .send(batch)
      .catch(() => undefined) // every record's fate is settled inside send; nothing to add here
      .finally(() => {
        outstanding.delete(p)
        ctx.notifier.notify()
      })
    outstanding.add(p)
  }

  /**
   * Room for new txs: the wave (engine) or the in-flight window (others). Txs signed ahead and
   * waiting in `ready` are open in the ledger but not at the node: counting them would let a
   * small window fill with its own queue and never send it.
   */
  const room = () => {
    const atNode = ctx.ledger.openCount() - ready.length
    if (!engine) return target.concurrency - atNode
    if (waveSent > 0 && waveGas + minTxGas > blockGas) return 0
    return Math.min(target.concurrency - waveSent, 4 * target.concurrency - atNode)
  }

  /**
   * How many of the batch go into this wave: all that fit the block with the wave's gas, at least
   * one into an empty wave, and the retries at its head always (they are not put back in `ready`).
   */
  const fitting = (batch: TxRecord[], retried: number): number => {
    let gas = waveGas
    for (let i = 0; i < batch.length; i++) {
      gas += (batch[i] as TxRecord).gas
      if (gas > blockGas && i >= retried && (i > 0 || waveSent > 0)) return i
    }
    return batch.length
  }

  const signNew = async (max: number, taken: Set<Address>): Promise<TxRecord[]> => {
    const out: TxRecord[] = []
    while (!ctx.control.stopping && out.length < max && work.hasMore()) {
      const available = (a: Address) => !strict || (!dispatcher.isBusy(a) && !taken.has(a))
      const planned = work.next()
      if (!planned) break
      // A tx with a fixed sender waits for that sender; the others go to the rotation's pick.
      const from = planned.from ? (available(planned.from) ? planned.from : undefined) : ctx.rotation.pick(available)
      if (!from) {
        work.putBack(planned)
        break
      }
      const r = dispatcher.recordFor(planned, from)
      await dispatcher.sign(r)
      out.push(r)
      taken.add(from)
    }
    return out
  }

  /** Why the loop has nothing to do now: a full window, or txs at the node, wait on the node. */
  const idleReason = (): WaitReason => {
    if (ctx.control.state === 'paused') return 'paused'
    if (room() <= 0 || outstanding.size >= maxParallelRequests) return 'node'
    if (target.rate && tokens < 1) return 'rate'
    return ctx.ledger.openCount() - ready.length > 0 ? 'node' : 'other'
  }
  const idle = () => ctx.pace.wait(idleReason(), waitOnce())

  const waitOnce = async () => {
    if (engine && outstanding.size === 0) {
      // A failed mine (node away) is retried on the next idle turn; the node watch takes over.
      if (waveSent > 0) {
        const mined = await ctx.gate
          .exclusive(() => ctx.conn.request('evm_mine'))
          .then(
            () => true,
            () => false,
          )
        if (mined) {
          waveSent = 0
          waveGas = 0n
        }
        ctx.tracker.poke()
        if (mined) return
      } else if (ctx.ledger.counts.submitted > 0) {
        // Leftovers a full block could not hold: mine again once the tracker has caught up.
        const before = ctx.ledger.counts.submitted
        const mined = await mineBlock(ctx).then(
          () => true,
          () => false,
        )
        // Blocks with room that take none of them: Anvil stranded them; put them in the pool again.
        fruitless = mined && ctx.ledger.counts.submitted >= before ? fruitless + 1 : 0
        if (fruitless >= fruitlessBlocks) {
          fruitless = 0
          await repool(ctx, { atNodeOnly: true })
        }
        if (mined) return
      }
    }
    const retryIn = ctx.retries.nextDueAt()
    const rateIn = target.rate && tokens < 1 ? ((1 - tokens) / target.rate) * 1000 : 50
    await ctx.notifier.wait(Math.max(1, Math.min(retryIn ? retryIn - Date.now() : 50, rateIn, 50)))
  }

  try {
    while (true) {
      // Paused: nothing new goes out, but what is in flight is still mined and tracked.
      if (ctx.control.state === 'paused') {
        await idle()
        continue
      }
      followProfile()
      if (target.rate) {
        const now = Date.now()
        tokens = Math.min(
          tokens + ((now - lastRefill) / 1000) * target.rate,
          Math.max(config.batchSize, target.rate / 10),
        )
        lastRefill = now
      } else tokens = Number.POSITIVE_INFINITY
      if (outstanding.size < maxParallelRequests) {
        // Retries are already inside the window; new txs need room in it.
        const batch = await dispatcher.takeDueRetries(config.batchSize)
        const retried = batch.length
        const budget = () => Math.min(Math.floor(Math.min(config.batchSize, tokens)) - batch.length, room())
        if (budget() > 0) batch.push(...ready.splice(0, budget()))
        if (budget() > 0) batch.push(...(await signNew(budget(), new Set(batch.map((r) => r.from)))))
        if (engine) ready.unshift(...batch.splice(fitting(batch, retried)))
        if (batch.length) {
          tokens -= batch.length
          launch(batch)
          continue
        }
      }
      // Waiting for the node: sign the next batch meanwhile (not in strict mode, where the
      // sender of each tx depends on which answers have come back; not under a rate, where
      // signing ahead would plan txs the rate has not allowed yet).
      if (
        !strict &&
        !target.rate &&
        outstanding.size > 0 &&
        ready.length < config.batchSize &&
        work.hasMore() &&
        !ctx.control.stopping
      ) {
        ready.push(...(await signNew(config.batchSize - ready.length, new Set())))
        continue
      }
      const moreToSend = (!ctx.control.stopping && (work.hasMore() || ready.length > 0)) || ctx.retries.size > 0
      if (!moreToSend && outstanding.size === 0) return
      await idle()
    }
  } finally {
    // Signed ahead but never sent (stop): their nonces go back.
    for (const r of ready.splice(0)) dispatcher.cancel(r)
  }
}
