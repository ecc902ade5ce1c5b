import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import type { Connection } from '../chain/connection'
import { createInclusionTracker } from './inclusion-tracker'

const hashOf = (n: number, fork = 'a') => `0x${fork.repeat(2)}${n.toString(16).padStart(62, '0')}` as Hex

/**
 * A node whose chain is a list of blocks we shape by hand: the states a real node reaches only by
 * races (a block below the head it does not return) can be set up exactly here.
 */
function fakeNode(head: number, missing: ReadonlySet<number>, calls = { heads: 0 }) {
  const request = async (method: string, params: unknown[] = []) => {
    await new Promise((r) => setTimeout(r, 2))
    if (method === 'eth_blockNumber') {
      calls.heads++
      return `0x${head.toString(16)}`
    }
    if (method === 'eth_getBlockByNumber') {
      const n = Number(BigInt(params[0] as string))
      if (n > head || missing.has(n)) return null
      return {
        number: `0x${n.toString(16)}`,
        hash: hashOf(n),
        parentHash: n === 0 ? hashOf(0, 'f') : hashOf(n - 1),
        timestamp: '0x1',
        gasUsed: '0x0',
        gasLimit: '0x1c9c380',
        transactions: [],
      }
    }
    throw new Error(`unexpected ${method}`)
  }
  return { request } as unknown as Connection
}

describe('inclusion tracker: a block below the head that the node does not return', () => {
  it('is read again for a while, then the chain is reconciled and the block passed over', async () => {
    const rewinds: bigint[] = []
    const holes: bigint[] = []
    const tracker = createInclusionTracker({
      conn: fakeNode(6, new Set([3])),
      fromBlock: 0n,
      fromHash: hashOf(0),
      onInclusion: () => {},
      onBlock: () => {},
      onRewind: (_head, seen) => {
        rewinds.push(seen)
      },
      onHole: (n) => holes.push(n),
    })
    for (let i = 0; i < 9; i++) await tracker.sync()
    expect(tracker.lastSeen).toBe(2n)
    expect(rewinds).toEqual([])
    await tracker.sync()
    expect(rewinds).toEqual([2n])
    expect(holes).toEqual([3n])
    await tracker.sync()
    expect(tracker.lastSeen).toBe(6n)
  })

  it('a block missing at the head itself is no hole: it is still being made', async () => {
    const holes: bigint[] = []
    const tracker = createInclusionTracker({
      conn: fakeNode(4, new Set([4])),
      fromBlock: 0n,
      onInclusion: () => {},
      onBlock: () => {},
      onHole: (n) => holes.push(n),
    })
    for (let i = 0; i < 20; i++) await tracker.sync()
    expect(tracker.lastSeen).toBe(3n)
    expect(holes).toEqual([])
  })
})

describe('inclusion tracker: its own polling', () => {
  it('goes on by itself after sync() calls that overlap its timer (engine mining syncs after every block)', async () => {
    const calls = { heads: 0 }
    const tracker = createInclusionTracker({
      conn: fakeNode(3, new Set(), calls),
      fromBlock: 0n,
      pollIntervalMs: 1,
      onInclusion: () => {},
      onBlock: () => {},
    })
    tracker.start()
    for (let i = 0; i < 50; i++) await tracker.sync()
    const before = calls.heads
    // No more syncs: only the tracker's own timer can read the head now.
    await new Promise((r) => setTimeout(r, 100))
    expect(calls.heads).toBeGreaterThan(before)
    await tracker.stop()
  })
})
