/**
 * A distributed run cut into disjoint account shards: an account belongs to exactly one shard, so
 * no two processes ever use its nonces; each shard sends a share of the plan in proportion to its
 * accounts, so every account's funding covers its txs as in a one-process run.
 */
export type Shard = {
  index: number
  /** Indexes of the run's senders (as resolved from the config) this shard sends from. */
  senders: number[]
  /** Planned tx indexes, as [start, end) ranges. */
  txs: Array<[number, number]>
}

export function planShards(accounts: number, txs: number, workers: number): Shard[] {
  const n = Math.max(1, Math.min(workers, accounts))
  const shards: Shard[] = []
  let start = 0
  let covered = 0
  for (let k = 0; k < n; k++) {
    const senders = Array.from({ length: accounts }, (_, i) => i).filter((i) => i % n === k)
    covered += senders.length
    // Cut where the accounts so far would end: no shard is off its exact share by a tx or more.
    const end = Math.round((txs * covered) / accounts)
    shards.push({ index: k, senders, txs: end > start ? [[start, end]] : [] })
    start = end
  }
  return shards
}

export function txIndexes(ranges: ReadonlyArray<readonly [number, number]>): Set<number> {
  const out = new Set<number>()
  for (const [a, b] of ranges) for (let i = a; i < b; i++) out.add(i)
  return out
}

/** Sorted indexes as [start, end) ranges: a shard handed on after a loss is mostly runs. */
export function toRanges(indexes: Iterable<number>): Array<[number, number]> {
  const sorted = [...indexes].sort((a, b) => a - b)
  const out: Array<[number, number]> = []
  for (const i of sorted) {
    const last = out[out.length - 1]
    if (last && last[1] === i) last[1] = i + 1
    else out.push([i, i + 1])
  }
  return out
}

export function rangeSize(ranges: ReadonlyArray<readonly [number, number]>): number {
  return ranges.reduce((n, [a, b]) => n + (b - a), 0)
}
