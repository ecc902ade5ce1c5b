import type { Dispatcher } from '../dispatcher'
import { mineBlock } from '../miner'
import type { WorkSource } from '../plan'
import type { RunContext } from '../run-context'
import { createRotation } from '../sender-rotation'
import type { TxRecord } from '../tx'

/** Batch requests out at once: enough to keep the node busy, few enough not to queue in it. */
const maxParallelRequests = 4

/**
 * Open or closed load: keeps up to `concurrency` txs in flight (submitted, not yet mined),
 * optionally capped at `rate` tx/s, sending JSON-RPC batches of `batchSize`.
 */
export async function runConcurrent(ctx: RunContext, dispatcher: Dispatcher, work: WorkSource): Promise<void> {
  const { config } = ctx
  const rotation = createRotation(ctx.senders)
  // Where blocks are mined as txs arrive, one account's txs go one at a time so a later nonce
  // never reaches the node before an earlier one (ANVIL.md: it can stay queued forever).
  const strict = ctx.mining !== 'engine'
  const available = (a: `0x${string}`) => !strict || !dispatcher.isBusy(a)
  const outstanding = new Set<Promise<void>>()
  let tokens = config.rate ? Math.min(config.batchSize, config.rate) : Number.POSITIVE_INFINITY
  let lastRefill = Date.now()

  const launch = (batch: TxRecord[]) => {
    const p = dispatcher.send(batch).finally(() => {
      outstanding.delete(p)
      ctx.notifier.notify()
    })
    outstanding.add(p)
  }

  const idle = async () => {
    if (ctx.mining === 'engine' && outstanding.size === 0 && ctx.ledger.counts.submitted > 0) return mineBlock(ctx)
    const retryIn = ctx.retries.nextDueAt()
    const rateIn = config.rate && tokens < 1 ? ((1 - tokens) / config.rate) * 1000 : 50
    await ctx.notifier.wait(Math.max(1, Math.min(retryIn ? retryIn - Date.now() : 50, rateIn, 50)))
  }

  while (true) {
    // Paused: nothing new goes out, but what is in flight is still mined and tracked.
    if (ctx.control.state === 'paused') {
      await idle()
      continue
    }
    if (config.rate) {
      const now = Date.now()
      tokens = Math.min(tokens + ((now - lastRefill) / 1000) * config.rate, Math.max(config.batchSize, config.rate / 10))
      lastRefill = now
    }
    let batch: TxRecord[] = []
    if (outstanding.size < maxParallelRequests) {
      // Retries are already inside the window; new txs need room in it.
      batch = await dispatcher.sendDueRetries(config.batchSize)
      const inBatch = new Set(batch.map((r) => r.from))
      while (
        !ctx.control.stopping &&
        batch.length < config.batchSize &&
        batch.length < tokens &&
        ctx.ledger.openCount() < config.concurrency &&
        work.hasMore()
      ) {
        const from = rotation.pick((a) => available(a) && !(strict && inBatch.has(a)))
        if (!from) break
        const planned = work.next()
        if (!planned) break
        const r = dispatcher.recordFor(planned, from)
        await dispatcher.sign(r)
        batch.push(r)
        inBatch.add(from)
      }
    }
    if (batch.length) {
      tokens -= batch.length
      launch(batch)
      continue
    }
    const moreToSend = (!ctx.control.stopping && work.hasMore()) || ctx.retries.size > 0
    if (!moreToSend && outstanding.size === 0) return
    await idle()
  }
}
