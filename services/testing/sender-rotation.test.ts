import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { createRotation } from './sender-rotation'

const senders = ['0xa', '0xb', '0xc'].map((s) => s.padEnd(42, '0')) as Address[]
const [a, b, c] = senders as [Address, Address, Address]
const all = () => true

describe('sender rotation', () => {
  it('round-robin cycles and skips unavailable senders', () => {
    const r = createRotation(senders, 'round-robin', () => 0)
    expect([r.pick(all), r.pick(all), r.pick(all), r.pick(all)]).toEqual([a, b, c, a])
    expect(r.pick((x) => x !== b)).toBe(c)
    expect(r.pick(() => false)).toBeUndefined()
  })

  it('least-pending picks the sender with the fewest txs in flight', () => {
    const load = new Map([
      [a, 5],
      [b, 1],
      [c, 3],
    ])
    const r = createRotation(senders, 'least-pending', (x) => load.get(x) ?? 0)
    expect(r.pick(all)).toBe(b)
    load.set(b, 9)
    expect(r.pick(all)).toBe(c)
    expect(r.pick((x) => x !== c)).toBe(a)
  })

  it('random follows its source of randomness', () => {
    const rolls = [0.99, 0.0, 0.5]
    const r = createRotation(
      senders,
      'random',
      () => 0,
      () => rolls.shift() ?? 0,
    )
    expect([r.pick(all), r.pick(all), r.pick(all)]).toEqual([c, a, b])
  })
})
