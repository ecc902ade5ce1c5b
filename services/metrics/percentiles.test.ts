import { describe, expect, it } from 'vitest'
import { createPercentiles, exactUpTo, nearestRank, percentiles } from './percentiles'

/** Exact nearest-rank percentile of a sort: the reference the histogram is held to. */
function exactAt(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[nearestRank(p, sorted.length) - 1] as number
}

/** A seeded generator (mulberry32): the same distributions on every run. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const n = 50_000
const rnd = random(7)
const distributions: Record<string, number[]> = {
  'uniform 0–10 s': Array.from({ length: n }, () => Math.floor(rnd() * 10_000)),
  // Lognormal: most txs fast, a long tail of slow ones (what inclusion latency looks like).
  'long-tailed (lognormal)': Array.from({ length: n }, () =>
    Math.round(Math.exp(6 + 1.5 * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()))),
  ),
  // Pareto: a heavier tail still, up to minutes.
  'heavy tail (pareto)': Array.from({ length: n }, () => Math.round(100 / (1 - rnd()) ** (1 / 1.2))),
  'many duplicates (a few values)': Array.from(
    { length: n },
    () => [21_000, 21_000, 21_000, 45_112, 90_001][Math.floor(rnd() * 5)] as number,
  ),
  'gas used (large values)': Array.from({ length: n }, () => 21_000 + Math.floor(rnd() * 29_979_000)),
  'one value': Array.from({ length: n }, () => 1_234_567),
}
const ps = [1, 25, 50, 90, 95, 99, 99.9, 100]

describe('percentiles from the bounded recorder', () => {
  for (const [name, values] of Object.entries(distributions))
    it(`${name}: within 1 % of the exact nearest-rank value (past ${exactUpTo} values, from the histogram)`, () => {
      const r = createPercentiles()
      for (const v of values) r.record(v)
      for (const p of ps) {
        const exact = exactAt(values, p)
        const got = r.at(p) as number
        expect(Math.abs(got - exact), `p${p}: ${got} vs exact ${exact}`).toBeLessThanOrEqual(exact * 0.01)
      }
      const all = r.percentiles()
      for (const p of [50, 95, 99] as const) expect(all[`p${p}`]).toBe(r.at(p))
    })

  it('small counts through the histogram (no exact phase) are within 1 % too', () => {
    for (const count of [1, 2, 3, 7, 10, 11, 20, 99, 101]) {
      const values = Array.from({ length: count }, () => Math.floor(rnd() * 100_000))
      const r = createPercentiles({ exactUpTo: 0 })
      for (const v of values) r.record(v)
      for (const p of ps) {
        const exact = exactAt(values, p)
        expect(Math.abs((r.at(p) as number) - exact), `n=${count} p${p}`).toBeLessThanOrEqual(exact * 0.01)
      }
    }
  })

  it('small samples are exact nearest rank', () => {
    expect(percentiles([])).toEqual({ p50: null, p95: null, p99: null })
    expect(percentiles([5])).toEqual({ p50: 5, p95: 5, p99: 5 })
    expect(percentiles([30, 10, 20])).toEqual({ p50: 20, p95: 30, p99: 30 })
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(percentiles(hundred)).toEqual({ p50: 50, p95: 95, p99: 99 })
    // 11 values: p95 is the 11th (⌈10.45⌉), not the 10th a rounding rule would give.
    expect(percentiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).p95).toBe(11)
    const exact = Array.from({ length: exactUpTo }, (_, i) => i * 1_000_003)
    expect(percentiles(exact).p99).toBe(exactAt(exact, 99))
  })

  it('never answers outside what was recorded, and a negative value counts as 0 in the histogram', () => {
    const r = createPercentiles({ exactUpTo: 0 })
    for (let i = 0; i < 1000; i++) r.record(123_456_789)
    expect(r.percentiles()).toEqual({ p50: 123_456_789, p95: 123_456_789, p99: 123_456_789 })
    const neg = createPercentiles({ exactUpTo: 0 })
    neg.record(-5)
    neg.record(10)
    expect(neg.at(50)).toBe(0)
    expect(neg.at(100)).toBe(10)
  })
})
