import { describe, expect, it } from 'vitest'
import { decodeWire, encodeWire } from './wire'

describe('wire', () => {
  it('keeps bigints exact through JSON, and everything else as it was', () => {
    const value = {
      wei: 2n ** 200n + 1n,
      gas: 21_000n,
      block: 0n,
      n: 3,
      s: 'transfer',
      list: [1n, { x: -5n }],
      none: null,
    }
    expect(decodeWire(encodeWire(value))).toEqual(value)
  })
})
