import { describe, expect, it } from 'vitest'
import { planShards, rangeSize, toRanges, txIndexes } from './shards'

describe('planShards', () => {
  it.each([
    [30, 20_000, 3],
    [10, 1_000, 3],
    [7, 100, 4],
    [2, 5, 5],
    [1, 10, 1],
  ])('%i accounts, %i txs, %i workers: disjoint accounts and txs that cover the run', (accounts, txs, workers) => {
    const shards = planShards(accounts, txs, workers)
    expect(shards.length).toBe(Math.min(accounts, workers))
    const senders = shards.flatMap((s) => s.senders)
    expect(new Set(senders).size).toBe(accounts)
    expect(senders.length).toBe(accounts)
    const all = shards.flatMap((s) => [...txIndexes(s.txs)])
    expect(new Set(all).size).toBe(txs)
    expect(all.length).toBe(txs)
    // Each account's share is what one process would give it, within one tx either way.
    for (const s of shards)
      expect(Math.abs(rangeSize(s.txs) / s.senders.length - txs / accounts)).toBeLessThan(1 + 1e-9)
  })
})

describe('toRanges', () => {
  it('folds sorted runs and keeps gaps', () => {
    expect(toRanges([5, 1, 2, 3, 9, 10])).toEqual([
      [1, 4],
      [5, 6],
      [9, 11],
    ])
    expect(toRanges([])).toEqual([])
    expect([...txIndexes(toRanges([7, 3, 4]))].sort()).toEqual([3, 4, 7])
  })
})
