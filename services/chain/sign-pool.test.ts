import { randomBytes } from 'node:crypto'
import { bytesToHex, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { createSignPool } from './sign-pool'
import { signDigest } from './signer'

describe('the signing pool (worker threads)', () => {
  it('signs exactly as this thread does (RFC 6979: same key and digest, same signature), in any batch size', async () => {
    const pool = createSignPool(2)
    try {
      const keys = Array.from({ length: 5 }, () => bytesToHex(randomBytes(32)) as Hex)
      const pairs = Array.from({ length: 1_500 }, (_, i) => ({
        key: keys[i % keys.length] as Hex,
        digest: bytesToHex(randomBytes(32)) as Hex,
      }))
      // One burst (several batches of one tick) and a few alone.
      const burst = await Promise.all(pairs.map((p) => pool.sign(p.key, p.digest)))
      const alone = [await pool.sign(pairs[0]?.key as Hex, pairs[0]?.digest as Hex)]
      const here = await Promise.all(pairs.map((p) => signDigest(p.key, p.digest)))
      expect(burst).toEqual(here)
      expect(alone).toEqual(here.slice(0, 1))
    } finally {
      await pool.close()
    }
    await expect(pool.sign(`0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`)).rejects.toThrow(/closed/)
  })
})
