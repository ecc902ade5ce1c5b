import fc from 'fast-check'
import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { createNonceManager } from './nonce-manager'

const a = '0x00000000000000000000000000000000000000aa' as Address

type Op = { kind: 'take' } | { kind: 'release'; pick: number } | { kind: 'resync'; bump: number }
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: 'take' as const }) },
  { weight: 3, arbitrary: fc.nat(1000).map((pick) => ({ kind: 'release' as const, pick })) },
  { weight: 1, arbitrary: fc.nat(3).map((bump) => ({ kind: 'resync' as const, bump })) },
)

describe('nonce manager (properties)', () => {
  it('never hands out a nonce that is in use, reuses released ones lowest first, never goes below the chain', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(1000), fc.array(op, { maxLength: 200 }), async (start, ops) => {
        const chain = { pending: start }
        const nm = createNonceManager({ fetchPending: async () => chain.pending })
        await nm.init([a])
        const inUse = new Set<number>()
        for (const o of ops) {
          if (o.kind === 'take') {
            const gaps = [...nm.gaps(a)]
            const n = nm.take(a)
            expect(inUse.has(n)).toBe(false)
            expect(n).toBeGreaterThanOrEqual(chain.pending)
            if (gaps.length) expect(n).toBe(Math.min(...gaps))
            inUse.add(n)
          } else if (o.kind === 'release') {
            const list = [...inUse]
            if (!list.length) continue
            const n = list[o.pick % list.length] as number
            inUse.delete(n)
            nm.release(a, n)
          } else {
            // Another sender used this account: the chain moved past some of our nonces.
            const highest = Math.max(chain.pending, ...inUse, nm.peekNext(a) - 1)
            chain.pending = Math.min(highest + 1, chain.pending + o.bump)
            for (const n of [...inUse]) if (n < chain.pending) inUse.delete(n)
            await nm.resync(a)
          }
          // Holes are below the counter, at or above the chain, and not in use.
          for (const g of nm.gaps(a)) {
            expect(g).toBeLessThan(nm.peekNext(a))
            expect(g).toBeGreaterThanOrEqual(chain.pending)
            expect(inUse.has(g)).toBe(false)
          }
          expect(nm.peekNext(a)).toBeGreaterThanOrEqual(chain.pending)
        }
      }),
      { numRuns: 300 },
    )
  })
})
