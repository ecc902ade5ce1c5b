import { describe, expect, it } from 'vitest'
import { createLabelCounter, labelFigures } from './label-counts'

describe('per-label counts', () => {
  it('follows each tx through its states, each change naming the state it left', () => {
    const c = createLabelCounter()
    c.onTx('swap', 'planned', 'signed') // tx 0
    c.onTx('add', 'planned', 'signed') // tx 1
    c.onTx('swap', 'signed', 'submitted') // tx 0
    c.onTx('swap', 'submitted', 'submitted') // a repeat changes nothing
    c.onTx('swap', 'planned', 'signed') // tx 2
    c.onTx('swap', 'submitted', 'mined') // tx 0
    c.onTx('add', 'signed', 'reverted') // tx 1: included before its submit answer came back
    c.onTx('swap', 'signed', 'failed') // tx 2
    const [swap, add] = c.snapshot()
    expect(swap).toMatchObject({ label: 'swap', planned: 2, signed: 0, submitted: 0, mined: 1, failed: 1 })
    expect(add).toMatchObject({ label: 'add', planned: 1, signed: 0, reverted: 1 })
    expect(labelFigures(swap!)).toEqual({ txs: 2, sent: 1, mined: 1, reverted: 0, failed: 1 })
    expect(labelFigures(add!)).toEqual({ txs: 1, sent: 1, mined: 0, reverted: 1, failed: 0 })
  })
})
