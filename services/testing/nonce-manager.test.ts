import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { createNonceManager } from './nonce-manager'

const a = '0x00000000000000000000000000000000000000aa' as Address

function manager(start: number, chain = { pending: start }) {
  return { nm: createNonceManager({ fetchPending: async () => chain.pending }), chain }
}

describe('nonce manager', () => {
  it('reads the chain once and counts locally', async () => {
    let reads = 0
    const nm = createNonceManager({
      fetchPending: async () => {
        reads++
        return 7
      },
    })
    await nm.init([a])
    expect([nm.take(a), nm.take(a), nm.take(a)]).toEqual([7, 8, 9])
    expect(reads).toBe(1)
  })

  it('hands a released nonce out again before any new one, lowest first', async () => {
    const { nm } = manager(0)
    await nm.init([a])
    for (let i = 0; i < 5; i++) nm.take(a)
    nm.release(a, 3)
    nm.release(a, 1)
    expect(nm.gaps(a)).toEqual([1, 3])
    expect([nm.take(a), nm.take(a), nm.take(a)]).toEqual([1, 3, 5])
  })

  it('a released top nonce is no gap: the counter goes back', async () => {
    const { nm } = manager(10)
    await nm.init([a])
    nm.take(a)
    nm.take(a)
    nm.take(a) // 10, 11, 12
    nm.release(a, 11)
    nm.release(a, 12)
    expect(nm.gaps(a)).toEqual([])
    expect(nm.peekNext(a)).toBe(11)
  })

  it('resync trusts the chain for what it has seen and keeps local nonces above it', async () => {
    const { nm, chain } = manager(0)
    await nm.init([a])
    for (let i = 0; i < 3; i++) nm.take(a)
    nm.release(a, 1)
    chain.pending = 5 // someone else sent from this account
    await nm.resync(a)
    expect(nm.gaps(a)).toEqual([])
    expect(nm.take(a)).toBe(5)
  })

  it('ignores releases of nonces it never handed out', async () => {
    const { nm } = manager(0)
    await nm.init([a])
    nm.take(a)
    nm.release(a, 9)
    expect(nm.take(a)).toBe(1)
  })

  it('takePair hands out two nonces in a row: released ones only as a pair, else new ones', async () => {
    const { nm } = manager(0)
    await nm.init([a])
    expect(nm.takePair(a)).toEqual([0, 1])
    for (let i = 0; i < 8; i++) nm.take(a) // 2…9
    nm.release(a, 3)
    nm.release(a, 6)
    nm.release(a, 7)
    // 3 alone is no pair; 6 and 7 are.
    expect(nm.takePair(a)).toEqual([6, 7])
    expect(nm.takePair(a)).toEqual([10, 11])
    expect(nm.gaps(a)).toEqual([3])
    // Released at the top, they lower the counter: the next pair is new again.
    nm.release(a, 11)
    nm.release(a, 10)
    expect(nm.take(a)).toBe(3)
    nm.take(a) // 10
    nm.release(a, 10)
    expect(nm.takePair(a)).toEqual([10, 11])
    expect(nm.take(a)).toBe(12)
  })
})
