import { type Address, type Hex, hexToBigInt, hexToNumber, toHex } from 'viem'
import { blockAt } from '../chain/block-reads'
import { readInstanceId } from '../chain/node-instance'
import { applyInclusion } from './apply-inclusion'
import { openRecords } from './open-records'
import { type RawReceipt, toInclusion } from './receipts'
import type { RunContext } from './run-context'
import { hashesOf, isIncluded, type TxRecord } from './tx'
import { emitTxError } from './tx-error-event'

/** What a look at the chain after a gap in what we saw (restart, reconnect, reorg) found. */
export type GapOutcome =
  | { kind: 'continuous' }
  | { kind: 'reorg'; from: bigint; to: bigint; reopened: number }
  | { kind: 'reset'; why: string }

/** Blocks read at once while looking for where the node's chain and ours part. */
const ancestorChunk = 32

/**
 * Finds the newest block the node still has exactly as we read it (docs/architecture.md#gaps).
 * None in the blocks we remember: the node's chain shares no history with ours — a reset.
 */
export async function commonAncestor(ctx: RunContext): Promise<bigint | undefined> {
  const history = ctx.tracker.history()
  for (let i = 0; i < history.length; i += ancestorChunk) {
    const part = history.slice(i, i + ancestorChunk)
    const blocks = await Promise.all(part.map(([n]) => blockAt(ctx.conn, n)))
    const match = part.findIndex(([, hash], j) => blocks[j]?.hash === hash)
    if (match !== -1) return part[match]?.[0]
  }
  return undefined
}

/**
 * After any gap in what we saw: find where the node's chain and ours agree, put back in flight
 * the txs of blocks that left the chain, settle the open txs whose nonce the chain has used, and
 * hand the rest back to the tracker. Sending is the caller's to hold meanwhile.
 */
export async function reconcileAfterGap(ctx: RunContext): Promise<GapOutcome> {
  const chainId = hexToNumber(await ctx.conn.request('eth_chainId'))
  if (chainId !== ctx.node.chainId)
    return { kind: 'reset', why: `the node now reports chain id ${chainId} (was ${ctx.node.chainId})` }
  const seen = ctx.tracker.lastSeen
  const ancestor = ctx.tracker.history().length ? await commonAncestor(ctx) : seen
  if (ancestor === undefined)
    return {
      kind: 'reset',
      why: `none of the blocks we read (up to ${seen}) is on the node's chain any more`,
    }
  // Agreeing only where the run began proves little on a node that restarted: a fresh Anvil
  // started within the same second has our very block 0, and none of the run's set-up.
  if (ancestor <= ctx.start.block && ctx.start.instance && (await readInstanceId(ctx.conn)) !== ctx.start.instance)
    return {
      kind: 'reset',
      why: `the node restarted (a new Anvil instance) and its chain shares with ours only block ${ancestor}, from before the run began`,
    }
  let reopened = 0
  if (ancestor < seen) {
    for (const r of includedAfter(ctx, ancestor)) {
      ctx.ledger.reopen(r)
      if (r.hash) ctx.tracker.watch(r.hash)
      reopened++
    }
    ctx.tracker.rewindTo(ancestor)
  }
  reopened += await reopenUnusedNonces(ctx)
  await settleUsedNonces(ctx, ancestor)
  return ancestor < seen ? { kind: 'reorg', from: seen, to: ancestor, reopened } : { kind: 'continuous' }
}

/**
 * Included txs in blocks above `block`, from the ledger's reorg window (`reorgWindowBlocks`,
 * `reorgWindowTxs` in inclusion-window.ts); older ones have left memory.
 */
function includedAfter(ctx: RunContext, block: bigint): TxRecord[] {
  const out: TxRecord[] = []
  for (const r of ctx.ledger.recentlyIncluded())
    if (isIncluded(r.state) && r.blockNumber !== undefined && r.blockNumber > block) out.push(r)
  return out
}

/**
 * The other half of reconciling by nonce: a tx counted as included whose nonce the chain's state
 * says is still unused is not on this chain, whatever blocks the node still shows (an Anvil that
 * reverted its state under a mining race keeps the blocks). It is open again, to be sent again.
 * Looked for in the ledger's reorg window, as `includedAfter`.
 */
async function reopenUnusedNonces(ctx: RunContext): Promise<number> {
  const byAccount = new Map<string, TxRecord[]>()
  for (const r of ctx.ledger.recentlyIncluded())
    if (isIncluded(r.state) && r.nonce !== undefined) {
      const key = r.from.toLowerCase()
      const list = byAccount.get(key)
      if (list) list.push(r)
      else byAccount.set(key, [r])
    }
  if (!byAccount.size) return 0
  const lists = [...byAccount.values()]
  const counts = await Promise.all(
    lists.map((l) => ctx.conn.request('eth_getTransactionCount', [(l[0] as TxRecord).from, 'latest'])),
  )
  let reopened = 0
  lists.forEach((list, i) => {
    const used = hexToNumber(counts[i] ?? '0x0')
    for (const r of list)
      if ((r.nonce as number) >= used) {
        ctx.ledger.reopen(r)
        ctx.ledger.update(r, { stale: true })
        if (r.hash) ctx.tracker.watch(r.hash)
        reopened++
      }
  })
  return reopened
}

/** Blocks scanned at most for the tx that used a nonce (each read holds every tx of its block). */
const maxScannedBlocks = 256

/**
 * Reconciles by (account, nonce), not by hash alone: an open tx whose nonce the chain has used is
 * mined (its receipt says how), replaced (another tx of the account holds that nonce in a block
 * since `sinceBlock`), or — when the node holds no record of it at all — unconfirmed, with its
 * nonce counted as used. A node restarted from a state file can do that (docs/metrics.md#tx-states).
 */
export async function settleUsedNonces(ctx: RunContext, sinceBlock: bigint): Promise<void> {
  const open = openRecords(ctx).filter((r) => r.nonce !== undefined && r.attempts > 0)
  if (!open.length) return
  const accounts = [...new Set(open.map((r) => r.from.toLowerCase()))] as Address[]
  const counts = await Promise.all(accounts.map((a) => ctx.conn.request('eth_getTransactionCount', [a, 'latest'])))
  const used = new Map<string, number>(accounts.map((a, i) => [a, hexToNumber(counts[i] ?? '0x0')]))
  const below = open.filter((r) => (r.nonce as number) < (used.get(r.from.toLowerCase()) ?? 0))
  if (!below.length) return
  // A replaced tx has several hashes for its nonce: whichever has a receipt is the one mined.
  const receiptOf = async (r: TxRecord): Promise<RawReceipt | null> => {
    for (const h of hashesOf(r)) {
      const receipt = await ctx.conn.request('eth_getTransactionReceipt', [h])
      if (receipt) return receipt
    }
    return null
  }
  const receipts = await Promise.all(below.map(receiptOf))
  const unexplained: TxRecord[] = []
  below.forEach((r, i) => {
    const receipt = receipts[i]
    if (receipt) applyInclusion(ctx, toInclusion(receipt, Date.now()))
    else unexplained.push(r)
  })
  if (!unexplained.length) return
  const takers = await nonceTakers(ctx, sinceBlock, new Set(unexplained.map(nonceKey)))
  for (const r of unexplained) {
    if (r.hash) ctx.tracker.unwatch(r.hash)
    const found = takers.get(nonceKey(r))
    const taker = found && found.hash !== r.hash && !r.replacement?.hashes.has(found.hash) ? found : undefined
    const error = taker
      ? {
          kind: 'nonce-taken' as const,
          message: `Replaced: nonce ${r.nonce} of ${r.from} was used by tx ${taker.hash} in block ${taker.block}`,
        }
      : {
          kind: 'record-lost' as const,
          message: `Nonce ${r.nonce} of ${r.from} is used on chain, but the node has no receipt or block holding this tx: the node lost its record (restarted from a state older than its blocks, or reverted to a snapshot taken while it was mining?)`,
        }
    if (taker) ctx.ledger.move(r, 'dropped', { error })
    else ctx.ledger.move(r, 'unconfirmed', { error, nonceUsed: true })
    emitTxError(ctx.bus, r, error, false)
  }
}

const nonceKey = (r: Pick<TxRecord, 'from' | 'nonce'>) => `${r.from.toLowerCase()}:${r.nonce}`

/** Which tx holds each wanted (account, nonce) in the blocks since `sinceBlock` (newest 256 at most). */
async function nonceTakers(
  ctx: RunContext,
  sinceBlock: bigint,
  wanted: ReadonlySet<string>,
): Promise<Map<string, { hash: Hex; block: bigint }>> {
  const found = new Map<string, { hash: Hex; block: bigint }>()
  const head = hexToBigInt(await ctx.conn.request('eth_blockNumber'))
  const floor = head - BigInt(maxScannedBlocks) + 1n
  // One block per request: a full block of thousands of txs is megabytes of JSON.
  for (let n = head; n > sinceBlock && n >= floor && found.size < wanted.size; n--) {
    const block = await ctx.conn.request('eth_getBlockByNumber', [toHex(n), true])
    for (const tx of block?.transactions ?? []) {
      if (typeof tx === 'string') continue // asked with full txs: a node answering hashes holds no nonces to match
      const key = `${tx.from.toLowerCase()}:${hexToNumber(tx.nonce)}`
      if (wanted.has(key)) found.set(key, { hash: tx.hash, block: n })
    }
  }
  return found
}
