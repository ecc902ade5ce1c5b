import { type Hex, hexToBigInt, hexToNumber } from 'viem'
import type { Connection } from '../chain/connection'

type RawBlock = {
  number: Hex
  hash: Hex
  parentHash: Hex
  timestamp: Hex
  gasUsed: Hex
  gasLimit: Hex
  transactions: Hex[]
}
export type RawReceipt = {
  transactionHash: Hex
  status: Hex
  gasUsed: Hex
  effectiveGasPrice?: Hex
  blockNumber: Hex
}

export type Inclusion = {
  hash: Hex
  status: 'success' | 'reverted'
  blockNumber: bigint
  gasUsed: bigint
  effectiveGasPrice: bigint | undefined
  seenAt: number
}

export function toInclusion(r: RawReceipt, seenAt: number): Inclusion {
  return {
    hash: r.transactionHash,
    status: hexToNumber(r.status) === 1 ? 'success' : 'reverted',
    blockNumber: hexToBigInt(r.blockNumber),
    gasUsed: hexToBigInt(r.gasUsed),
    effectiveGasPrice: r.effectiveGasPrice ? hexToBigInt(r.effectiveGasPrice) : undefined,
    seenAt,
  }
}

export type BlockSeen = {
  number: bigint
  timestamp: number
  gasUsed: bigint
  gasLimit: bigint
  txCount: number
  ours: number
  seenAt: number
}

export type InclusionTrackerParameters = {
  conn: Connection
  fromBlock: bigint
  pollIntervalMs?: number
  onInclusion: (inclusion: Inclusion) => void
  onBlock: (block: BlockSeen) => void
  /** The chain went backwards (node restarted, reorg): the caller decides what it means. */
  onRewind?: (head: bigint, lastSeen: bigint) => void
  onError?: (error: unknown) => void
  /** A poll reached the node (the node is up). */
  onPoll?: () => void
}

/**
 * Detects inclusion by following blocks: one block read per new block and receipts only for
 * blocks that hold our transactions (DESIGN.md §2). Polling each tx on its own collapses at
 * thousands in flight.
 */
export function createInclusionTracker(p: InclusionTrackerParameters) {
  const watched = new Set<Hex>()
  // Hashes of recently seen blocks: a tx whose hash we learn only from the node's answer
  // (node-signed) may be in a block we have already read.
  const recent = new Map<Hex, bigint>()
  const recentCap = 20_000
  let lastSeen = p.fromBlock
  /** Hash of block `lastSeen` as we read it: a node that restarts with a new chain disagrees. */
  let lastSeenHash: Hex | undefined
  let blockReceipts: 'unknown' | 'yes' | 'no' = 'unknown'
  let timer: NodeJS.Timeout | undefined
  let running = false
  let polling: Promise<void> | undefined
  let again = false
  const interval = p.pollIntervalMs ?? 100

  async function receiptsFor(block: RawBlock, ours: Hex[]): Promise<RawReceipt[]> {
    if (blockReceipts !== 'no') {
      try {
        const all = (await p.conn.request('eth_getBlockReceipts', [block.number])) as RawReceipt[] | null
        if (all) {
          blockReceipts = 'yes'
          return all
        }
      } catch (error) {
        if (blockReceipts === 'yes') throw error
        blockReceipts = 'no'
      }
    }
    const receipts = await Promise.all(ours.map((h) => p.conn.request('eth_getTransactionReceipt', [h])))
    return receipts.filter(Boolean) as RawReceipt[]
  }

  async function poll() {
    const head = hexToBigInt((await p.conn.request('eth_blockNumber')) as Hex)
    p.onPoll?.()
    if (head < lastSeen) {
      p.onRewind?.(head, lastSeen)
      lastSeen = head
      return
    }
    while (lastSeen < head) {
      const from = lastSeen + 1n
      const to = head - from >= 50n ? from + 49n : head
      const numbers: bigint[] = []
      for (let n = from; n <= to; n++) numbers.push(n)
      const blocks = (await Promise.all(
        numbers.map((n) => p.conn.request('eth_getBlockByNumber', [`0x${n.toString(16)}`, false])),
      )) as (RawBlock | null)[]
      // The next block must build on the last one we read: if not, the chain under us changed (a
      // node restarted with a fresh chain that has already grown past where we were).
      const first = blocks[0]
      if (first && lastSeenHash && first.parentHash !== lastSeenHash) {
        p.onRewind?.(hexToBigInt(first.number), lastSeen)
        return
      }
      const seenAt = Date.now()
      const withOurs = blocks.map((b) => (b ? b.transactions.filter((h) => watched.has(h)) : []))
      const receipts = await Promise.all(
        blocks.map((b, i) => (b && withOurs[i]?.length ? receiptsFor(b, withOurs[i] as Hex[]) : Promise.resolve([]))),
      )
      blocks.forEach((b, i) => {
        if (!b) return
        const ours = new Set(withOurs[i])
        const number = hexToBigInt(b.number)
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
          txCount: b.transactions.length,
          ours: ours.size,
          seenAt,
        })
      })
      // A missing block (head moved under us) is read again next time.
      const firstMissing = blocks.findIndex((b) => !b)
      lastSeen = firstMissing === -1 ? to : from + BigInt(firstMissing) - 1n
      const last = blocks[Number(lastSeen - from)]
      if (last) lastSeenHash = last.hash
      if (firstMissing !== -1) break
    }
  }

  function schedule(delay: number) {
    if (!running) return
    clearTimeout(timer)
    timer = setTimeout(tick, delay)
  }

  function tick() {
    if (polling) {
      again = true
      return
    }
    polling = poll()
      .catch((e) => p.onError?.(e))
      .finally(() => {
        polling = undefined
        if (again) {
          again = false
          schedule(0)
        } else schedule(interval)
      })
  }

  async function lateInclusion(hash: Hex) {
    const r = (await p.conn.request('eth_getTransactionReceipt', [hash])) as RawReceipt | null
    if (!r || !watched.delete(hash)) return
    p.onInclusion(toInclusion(r, Date.now()))
  }

  return {
    watch(hash: Hex) {
      watched.add(hash)
      if (recent.has(hash)) void lateInclusion(hash).catch((e) => p.onError?.(e))
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
    get lastSeenHash() {
      return lastSeenHash
    },
    start() {
      running = true
      schedule(0)
    },
    /** Look now (after a send or a mine) rather than at the next interval. */
    poke() {
      if (!running) return
      if (polling) again = true
      else schedule(0)
    },
    /** Resolves after a full poll that started after this call. */
    async sync() {
      while (polling) await polling
      polling = poll()
        .catch((e) => p.onError?.(e))
        .finally(() => {
          polling = undefined
        })
      await polling
    },
    async stop() {
      running = false
      clearTimeout(timer)
      while (polling) await polling
    },
  }
}

export type InclusionTracker = ReturnType<typeof createInclusionTracker>
