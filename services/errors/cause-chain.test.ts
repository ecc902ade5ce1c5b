import { BaseError } from 'viem'
import { describe, expect, it } from 'vitest'
import { causeChain } from './cause-chain'

describe('causeChain', () => {
  it('follows causes outermost first, as viem’s walk does', () => {
    const inner = new Error('socket hang up')
    const outer = new BaseError('HTTP request failed', { cause: inner })
    const chain = [...causeChain(outer)]
    expect(chain).toEqual([outer, inner])
    expect(outer.walk()).toBe(chain.at(-1))
  })

  it('ends at a cause that is not an object, and on a loop', () => {
    expect([...causeChain({ cause: 'node said no' })]).toEqual([{ cause: 'node said no' }, 'node said no'])
    const a: { cause?: unknown } = {}
    a.cause = a
    expect([...causeChain(a)].length).toBe(8)
    expect([...causeChain(undefined)]).toEqual([])
  })
})
