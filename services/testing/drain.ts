import { type Address, zeroAddress } from 'viem'
import { applyInclusion } from './apply-inclusion'
import type { Dispatcher } from './dispatcher'
import { mineBlock } from './miner'
import { openRecords } from './open-records'
import type { WorkSource } from './plan'
import { toInclusion } from './receipts'
import { settleUsedNonces } from './reconcile'
import { fruitlessBlocks, repool } from './repool'
import type { RunContext } from './run-context'
import { hashesOf, type TxRecord } from './tx'
import { unincludedFate } from './unincluded-fate'

/**
 * Brings every planned tx to exactly one terminal state: never-sent ones are cancelled, nonce
 * holes are filled so nothing waits behind them, the rest are awaited until they are mined or
 * have made no progress for `inclusionTimeoutMs`, and what is left is settled from the chain.
 */
export async function drain(ctx: RunContext, dispatcher: Dispatcher, work: WorkSource): Promise<void> {
  for (const p of work.rest()) {
    const from = (p.from ?? ctx.senders[p.idx % ctx.senders.length] ?? zeroAddress) as Address
    dispatcher.cancel(dispatcher.recordFor(p, from))
  }
  // A lost node has nothing left to tell; a reset chain nothing of ours to wait for or repair.
  if (ctx.nodeLost()) return
  if (!ctx.chainReset()) await fillNonceGaps(ctx, dispatcher)
  let reason = await awaitWithRepool(ctx)
  // A reorg noticed after the wait ended reopens txs (and sends again those the node lost): one
  // more full look at the chain, and anything open again is awaited like the rest.
  for (let look = 0; !reason && !ctx.nodeLost() && look < reorgLooks; look++) {
    await ctx.tracker.sync()
    if (!openRecords(ctx).length) break
    reason = await awaitWithRepool(ctx)
  }
  if (!ctx.nodeLost()) await settleLeftovers(ctx, reason)
  while (ctx.replays.pending.size) await Promise.all(ctx.replays.pending)
}

/** Reorgs in a row, noticed after the drain's wait, that are waited out again. */
const reorgLooks = 3

/** Awaits the open txs; each resend of Anvil's stuck queue can unblock one more layer of it. */
async function awaitWithRepool(ctx: RunContext): Promise<string | undefined> {
  let reason = await awaitInclusion(ctx)
  for (let round = 0; reason && ctx.node.isAnvil && !ctx.nodeLost() && round < 5; round++) {
    const before = openRecords(ctx).length
    if (!(await repool(ctx))) break
    reason = await awaitInclusion(ctx)
    if (openRecords(ctx).length === before) break
  }
  return reason
}

/** A released nonce below an account's counter would hold back every later tx of it. */
async function fillNonceGaps(ctx: RunContext, dispatcher: Dispatcher) {
  const fillers: TxRecord[] = []
  for (const from of ctx.senders) {
    for (const nonce of [...ctx.nonces.gaps(from)]) {
      const r = dispatcher.recordFor(
        { idx: -(ctx.ledger.gapFills + fillers.length + 1), to: from, value: 0n, label: 'nonce gap fill' },
        from,
        'gap-fill',
      )
      ctx.ledger.update(r, { nonce: ctx.nonces.take(from), gas: 21_000n })
      await dispatcher.sign(r)
      fillers.push(r)
      if (r.nonce !== nonce) break
    }
  }
  if (!fillers.length) return
  ctx.bus.emit('event', {
    type: 'log',
    at: Date.now(),
    message: `Filling ${fillers.length} nonce gap(s) left by refused transactions so later ones can be mined.`,
  })
  await dispatcher.send(fillers)
}

/** Quiet this long while draining: ask the chain which open nonces it has used (their records may be lost). */
const nonceCheckAfterMs = 2_000

async function awaitInclusion(ctx: RunContext): Promise<string | undefined> {
  let open = openRecords(ctx).length
  let lastProgress = Date.now()
  let checkedNonces = false
  let fruitless = 0
  while (open > 0 && !ctx.nodeLost() && Date.now() - lastProgress < ctx.config.inclusionTimeoutMs) {
    if (!checkedNonces && Date.now() - lastProgress >= nonceCheckAfterMs) {
      checkedNonces = true
      await settleUsedNonces(ctx, 0n).catch(() => undefined)
    }
    if (ctx.mining === 'engine') await mineBlock(ctx).catch(() => undefined)
    else ctx.tracker.poke()
    await ctx.notifier.wait(100)
    const now = openRecords(ctx).length
    if (now < open) {
      lastProgress = Date.now()
      checkedNonces = false
      fruitless = 0
    } else if (ctx.mining === 'engine' && ++fruitless >= fruitlessBlocks)
      return `Still in the pool after ${fruitlessBlocks} blocks that had room for it: the node will not include it (its sender cannot pay any more, or an earlier nonce is missing)`
    open = now
  }
  return open > 0 ? `Not mined within ${ctx.config.inclusionTimeoutMs} ms of the last progress` : undefined
}

/** Last look at the chain for what is still open, then a recorded fate for each. */
async function settleLeftovers(ctx: RunContext, reason = 'Not mined') {
  await ctx.tracker.sync()
  // By (account, nonce) first: a tx whose nonce the chain used is not "not mined".
  await settleUsedNonces(ctx, 0n).catch(() => undefined)
  const open = openRecords(ctx)
  if (!open.length) return
  // A replaced tx may be mined under any of its hashes.
  const receiptOf = async (r: TxRecord) => {
    for (const h of hashesOf(r)) {
      const receipt = await ctx.conn.request('eth_getTransactionReceipt', [h]).catch(() => null)
      if (receipt) return receipt
    }
    return null
  }
  const receipts = await Promise.all(open.map(receiptOf))
  const stillPending: TxRecord[] = []
  open.forEach((r, i) => {
    const receipt = receipts[i]
    if (!receipt) {
      stillPending.push(r)
      return
    }
    applyInclusion(ctx, toInclusion(receipt, Date.now()))
  })
  for (const r of stillPending) {
    for (const h of hashesOf(r)) {
      ctx.tracker.unwatch(h)
      // Take it out of Anvil's pool so it cannot be mined after we called it dropped.
      if (ctx.node.isAnvil) await ctx.conn.request('anvil_dropTransaction', [h]).catch(() => undefined)
    }
    ctx.ledger.move(r, unincludedFate(r), {
      error: r.error ?? {
        kind: 'unknown',
        message: reason,
        hint: 'The node accepted it but did not include it: check block production, fees and the nonce order; raise inclusionTimeoutMs for slow chains.',
      },
    })
  }
}
