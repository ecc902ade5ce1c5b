import { type Hex, hexToBigInt, hexToNumber } from 'viem'
import { blockAt } from '../chain/block-reads'
import type { Connection } from '../chain/connection'
import { readInPieces } from '../chain/read-in-pieces'
import { createReceiptReader, type Inclusion, receiptsPerRead, toInclusion } from './receipts'

/** Blocks read in one request when the tracker is behind. */
const blocksPerRead = 50
export type BlockSeen = {
  number: bigint
  timestamp: number
  gasUsed: bigint
  gasLimit: bigint
  /** Absent on chains without EIP-1559. */
  baseFeePerGas?: bigint
  /** Absent on chains without EIP-4844. */
  blobGasUsed?: bigint
  txCount: number
  ours: number
  seenAt: number
}

export type InclusionTrackerParameters = {
  conn: Connection
  fromBlock: bigint
  /** The hash of `fromBlock`: a chain that changes before the first new block is noticed too. */
  fromHash?: Hex
  pollIntervalMs?: number
  onInclusion: (inclusion: Inclusion) => void
  onBlock: (block: BlockSeen) => void
  /**
   * The chain under us is not the one we read (it went back, or the next block does not build on
   * ours): a reorg, a restart, a reset. The caller works out which and rewinds the tracker; polling
   * waits for it.
   */
  onRewind?: (head: bigint, lastSeen: bigint) => Promise<void> | void
  /** A read failed; `failedPolls` counts the polls in a row that failed (1 for a lone failure). */
  onError?: (error: unknown, failedPolls: number) => void
  /** A block below the head stayed missing, and the chain was reconciled: it is passed over. */
  onHole?: (block: bigint) => void
  /** A poll reached the node (the node is up); polling waits for it. */
  onPoll?: () => Promise<void> | void
}

export type InclusionTracker = {
  /**
   * Reads one watched tx's receipt now (one tx in flight, a node that mines on arrival): its
   * inclusion is reported as a block read would, without waiting for the next poll.
   */
  check(hash: Hex): Promise<boolean>
  watch(hash: Hex): void
  unwatch(hash: Hex): void
  isWatched(hash: Hex): boolean
  readonly lastSeen: bigint
  /** Block numbers and hashes as we read them, newest first. */
  history(): [bigint, Hex][]
  /**
   * The chain changed above `block`: forget what we read past it, so the blocks that replace
   * them are read (and their txs matched) afresh. Call only from `onRewind`.
   */
  rewindTo(block: bigint): void
  /** A new chain that shares nothing with ours: start following it at its head. */
  restartAt(block: bigint): void
  start(): void
  /** Look now (after a send or a mine) rather than at the next interval. */
  poke(): void
  /** Resolves after a full poll that started after this call. */
  sync(): Promise<void>
  stop(): Promise<void>
}

/**
 * Detects inclusion by following blocks: one block read per new block and receipts only for
 * blocks that hold our transactions (docs/architecture.md#reading-blocks). Polling each tx on its
 * own collapses at thousands in flight.
 */
export function createInclusionTracker(p: InclusionTrackerParameters): InclusionTracker {
  const watched = new Set<Hex>()
  // Hashes of recently seen blocks: a tx whose hash we learn only from the node's answer
  // (node-signed) may be in a block we have already read.
  const recent = new Map<Hex, bigint>()
  const recentCap = 20_000
  /** Ours, included as `check` learned, whose block is not read yet: it still counts as ours there. */
  const learned = new Set<Hex>()
  let lastSeen = p.fromBlock
  /**
   * Hashes of blocks as we read them, to find where a changed chain still agrees with us: the
   * latest 256, and every 256th before them (a deep rollback re-reads a little more, never less).
   */
  const history = new Map<bigint, Hex>()
  const historyCap = 256n
  const isCheckpoint = (n: bigint) => n % historyCap === 0n || n === p.fromBlock
  if (p.fromHash) history.set(p.fromBlock, p.fromHash)
  let timer: NodeJS.Timeout | undefined
  let running = false
  /** A block below the head that the node does not return, and for how many polls in a row. */
  let hole: { at: bigint; polls: number } | undefined
  let polling: Promise<void> | undefined
  let again = false
  let failedPolls = 0
  const interval = p.pollIntervalMs ?? 100
  /** Polls in a row a block below the head may be missing before it counts as a hole. */
  const holeTolerance = 10

  const receiptReader = createReceiptReader(p.conn)

  async function poll() {
    const head = hexToBigInt(await p.conn.request('eth_blockNumber'))
    await p.onPoll?.()
    if (head < lastSeen) {
      await p.onRewind?.(head, lastSeen)
      return
    }
    // No new block: the one we read last may still have been replaced (a reorg at the same height).
    const known = history.get(lastSeen)
    if (head === lastSeen && known) {
      const now = await blockAt(p.conn, head)
      if (now && now.hash !== known) await p.onRewind?.(head, lastSeen)
      return
    }
    while (lastSeen < head) {
      const from = lastSeen + 1n
      const to = head - from >= BigInt(blocksPerRead) ? from + BigInt(blocksPerRead - 1) : head
      const numbers: bigint[] = []
      for (let n = from; n <= to; n++) numbers.push(n)
      const blocks = await readInPieces({
        items: numbers,
        weight: () => 1,
        budget: blocksPerRead,
        read: (group) => Promise.all(group.map((n) => blockAt(p.conn, n))),
      })
      // The next block must build on the last one we read: if not, the chain under us changed (a
      // node restarted with a fresh chain that has already grown past where we were).
      const first = blocks[0]
      const lastSeenHash = history.get(lastSeen)
      if (first && lastSeenHash && first.parentHash !== lastSeenHash) {
        await p.onRewind?.(head, lastSeen)
        return
      }
      const seenAt = Date.now()
      const withOurs = blocks.map((b) => (b ? b.transactions.filter((h) => watched.has(h) || learned.has(h)) : []))
      const wanted = blocks.flatMap((b, i) => {
        const ours = (withOurs[i] ?? []).filter((h) => watched.has(h))
        return b && ours.length ? [{ block: b, ours }] : []
      })
      // Blocks of thousands of txs: their receipts are read a bounded group at a time.
      const read = await readInPieces({
        items: wanted,
        weight: (w) => w.block.transactions.length,
        budget: receiptsPerRead,
        read: (group) => Promise.all(group.map((w) => receiptReader.ofBlock(w.block.number, w.ours))),
        one: (w) => receiptReader.oneByOne(w.ours),
      })
      const receiptsOf = new Map(wanted.map((w, i) => [w.block.hash, read[i] ?? []]))
      const receipts = blocks.map((b) => (b ? (receiptsOf.get(b.hash) ?? []) : []))
      blocks.forEach((b, i) => {
        if (!b) return
        const ours = new Set(withOurs[i])
        for (const h of ours) learned.delete(h)
        const number = hexToBigInt(b.number)
        history.set(number, b.hash)
        if (!isCheckpoint(number - historyCap)) history.delete(number - historyCap)
        for (const h of b.transactions) recent.set(h, number)
        while (recent.size > recentCap) recent.delete(recent.keys().next().value as Hex)
        for (const r of receipts[i] ?? []) {
          if (!ours.has(r.transactionHash) || !watched.delete(r.transactionHash)) continue
          p.onInclusion(toInclusion(r, seenAt))
        }
        p.onBlock({
          number,
          timestamp: hexToNumber(b.timestamp),
          gasUsed: hexToBigInt(b.gasUsed),
          gasLimit: hexToBigInt(b.gasLimit),
          ...(b.baseFeePerGas && { baseFeePerGas: hexToBigInt(b.baseFeePerGas) }),
          ...(b.blobGasUsed && { blobGasUsed: hexToBigInt(b.blobGasUsed) }),
          txCount: b.transactions.length,
          ours: ours.size,
          seenAt,
        })
      })
      // A missing block (head moved under us) is read again next time.
      const firstMissing = blocks.findIndex((b) => !b)
      lastSeen = firstMissing === -1 ? to : from + BigInt(firstMissing) - 1n
      if (firstMissing === -1) hole = undefined
      else {
        await passHole(from + BigInt(firstMissing), head)
        break
      }
    }
  }

  /**
   * A block missing below the head is read again next time; one that stays missing is a chain
   * that changed in a way the node does not show by its head (seen on Anvil after evm_revert while
   * it mined): reconcile, and if it is still a hole, pass over it rather than wait forever.
   */
  async function passHole(n: bigint, head: bigint) {
    if (n >= head) return
    hole = hole?.at === n ? { at: n, polls: hole.polls + 1 } : { at: n, polls: 1 }
    if (hole.polls < holeTolerance) return
    hole = undefined
    await p.onRewind?.(head, lastSeen)
    if (lastSeen !== n - 1n) return
    lastSeen = n
    p.onHole?.(n)
  }

  function schedule(delay: number) {
    if (!running) return
    clearTimeout(timer)
    timer = setTimeout(tick, delay)
  }

  /** One poll at a time; after each, the next is scheduled — whoever started it (a timer tick, sync). */
  function startPoll(): Promise<void> {
    polling = poll()
      .then(
        () => {
          failedPolls = 0
        },
        (e) => p.onError?.(e, ++failedPolls),
      )
      .finally(() => {
        polling = undefined
        const soon = again
        again = false
        schedule(soon ? 0 : interval)
      })
    return polling
  }

  function tick() {
    if (polling) {
      again = true
      return
    }
    void startPoll()
  }

  async function lateInclusion(hash: Hex) {
    const r = await p.conn.request('eth_getTransactionReceipt', [hash])
    if (!r || !watched.delete(hash)) return
    p.onInclusion(toInclusion(r, Date.now()))
  }

  return {
    async check(hash: Hex): Promise<boolean> {
      if (!watched.has(hash)) return false
      const r = await p.conn.request('eth_getTransactionReceipt', [hash])
      if (!r || !watched.delete(hash)) return false
      if (hexToBigInt(r.blockNumber) > lastSeen) learned.add(hash)
      p.onInclusion(toInclusion(r, Date.now()))
      return true
    },
    watch(hash: Hex) {
      watched.add(hash)
      if (recent.has(hash)) void lateInclusion(hash).catch((e) => p.onError?.(e, 1))
    },
    unwatch(hash: Hex) {
      watched.delete(hash)
    },
    isWatched(hash: Hex) {
      return watched.has(hash)
    },
    get lastSeen() {
      return lastSeen
    },
    history(): [bigint, Hex][] {
      return [...history.entries()].sort((a, b) => (a[0] < b[0] ? 1 : -1))
    },
    rewindTo(block: bigint) {
      for (const n of [...history.keys()]) if (n > block) history.delete(n)
      for (const [h, n] of recent) if (n > block) recent.delete(h)
      lastSeen = block
    },
    restartAt(block: bigint) {
      history.clear()
      recent.clear()
      learned.clear()
      lastSeen = block
    },
    start() {
      running = true
      schedule(0)
    },
    poke() {
      if (!running) return
      if (polling) again = true
      else schedule(0)
    },
    async sync() {
      while (polling) await polling
      // A tick that came during this poll found it busy: this poll's end schedules the next.
      await startPoll()
    },
    async stop() {
      running = false
      clearTimeout(timer)
      while (polling) await polling
    },
  }
}
