import { createRng, deriveSeed } from '../../abi/rng'

/** Mixes seeds apart from the argument generators' (which use the same run seed). */
const mixStream = 0x6d6978

export type Mix = {
  /** The call row tx `i` makes: by weight, from the run's seed and `i` alone (a rerun makes the same txs). */
  pick(i: number): number
  /** Each call's expected share of the load, 0–1. */
  shares: number[]
}

/** A weighted choice of call per tx, reproducible from the seed. */
export function createMix(weights: readonly number[], seed: number, stream = mixStream): Mix {
  const total = weights.reduce((a, w) => a + w, 0)
  const upTo: number[] = []
  let sum = 0
  for (const w of weights) {
    sum += w
    upTo.push(sum)
  }
  return {
    pick(i) {
      const x = (createRng(deriveSeed(seed, stream, i)).uint32() / 2 ** 32) * total
      // Few rows (≤ 64): a scan is as fast as a binary search.
      const found = upTo.findIndex((u) => x < u)
      return found === -1 ? weights.length - 1 : found
    },
    shares: weights.map((w) => w / total),
  }
}
