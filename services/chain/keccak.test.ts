import { bytesToHex, keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { keccakHex } from './keccak'

describe('keccakHex', () => {
  it("equals viem's keccak256 for empty, short, block-sized and long inputs", async () => {
    const lengths = [0, 1, 31, 32, 135, 136, 137, 272, 1_000, 10_000]
    for (const n of lengths) {
      const data = bytesToHex(Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) % 256))
      expect(await keccakHex(data), `${n} bytes`).toBe(keccak256(data))
    }
  })
})
