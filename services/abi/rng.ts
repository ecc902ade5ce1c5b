/** A small seedable RNG: the same seed gives the same run, so tests and reruns are reproducible. */
export type Rng = {
  /** Uniform 32-bit unsigned integer. */
  uint32(): number
  /** Uniform integer in [0, n), n ≥ 1. */
  below(n: number): number
  /** Uniform bigint in [min, max], inclusive, any size. */
  between(min: bigint, max: bigint): bigint
}

/** mulberry32: fast, 32-bit state, good enough for load generation (not for secrets). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const uint32 = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  return {
    uint32,
    below: (n) => Math.floor((uint32() / 2 ** 32) * n),
    between(min, max) {
      if (max < min) throw new RangeError(`empty range ${min}..${max}`)
      const span = max - min + 1n
      const bits = (span - 1n).toString(2).length
      const mask = (1n << BigInt(bits)) - 1n
      // Rejection sampling over just enough 32-bit words: uniform, and under 2 tries on average.
      for (;;) {
        let x = 0n
        for (let b = 0; b < bits; b += 32) x = (x << 32n) | BigInt(uint32())
        x &= mask
        if (x < span) return min + x
      }
    },
  }
}

/** One seed per (run seed, tx, argument): values depend on the tx index, not on call order. */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b)
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
    h = (h ^ (h >>> 16)) >>> 0
  }
  return h
}
