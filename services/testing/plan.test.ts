import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { createWorkSource } from './plan'
import type { PlannedTx } from './tx'

const A = '0x00000000000000000000000000000000000000aa' as Address
const B = '0x00000000000000000000000000000000000000bb' as Address
const tx = (idx: number, from?: Address): PlannedTx => ({
  idx,
  to: B,
  value: 0n,
  label: 'transfer',
  ...(from && { from }),
})

describe('work source', () => {
  it('hands a sender its own txs and shared ones, keeping the others waiting in order', () => {
    const w = createWorkSource([tx(0, B), tx(1), tx(2, A), tx(3, B)][Symbol.iterator]())
    expect(w.nextFor(A)?.idx).toBe(1)
    expect(w.nextFor(A)?.idx).toBe(2)
    expect(w.nextFor(A)).toBeUndefined()
    expect(w.next()?.idx).toBe(0)
    expect(w.nextFor(B)?.idx).toBe(3)
    expect(w.taken).toBe(4)
  })

  it('ownOnly skips shared txs and leaves them for others', () => {
    const w = createWorkSource([tx(0), tx(1, A), tx(2)][Symbol.iterator]())
    expect(w.nextFor(A, true)?.idx).toBe(1)
    expect(w.nextFor(A, true)).toBeUndefined()
    expect(w.nextFor(B)?.idx).toBe(0)
    expect(w.nextFor(B)?.idx).toBe(2)
  })

  it('putBack puts a tx first in line; close drops what waits', () => {
    const w = createWorkSource([tx(0), tx(1), tx(2)][Symbol.iterator]())
    const first = w.next()
    if (!first) throw new Error('expected a tx')
    w.putBack(first)
    expect(w.taken).toBe(0)
    expect(w.next()?.idx).toBe(0)
    w.close()
    expect(w.hasMore()).toBe(false)
    expect([...w.rest()]).toEqual([])
  })
})
