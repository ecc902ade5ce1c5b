import { describe, expect, it } from 'vitest'
import { createLabelCounter, labelCountsOfRows, labelFigures } from './label-counts'

describe('per-label counts', () => {
  it('follows each tx through its states under the label it was first seen with', () => {
    const c = createLabelCounter()
    c.onTx(0, 'swap', 'signed')
    c.onTx(1, 'add', 'signed')
    c.onTx(0, 'swap', 'submitted')
    c.onTx(0, 'swap', 'submitted') // a repeat changes nothing
    c.onTx(2, 'swap', 'signed')
    c.onTx(0, 'swap', 'mined')
    c.onTx(1, 'add', 'reverted') // included before its submit answer came back
    c.onTx(2, 'swap', 'failed')
    const [swap, add] = c.snapshot()
    expect(swap).toMatchObject({ label: 'swap', planned: 2, signed: 0, submitted: 0, mined: 1, failed: 1 })
    expect(add).toMatchObject({ label: 'add', planned: 1, signed: 0, reverted: 1 })
    expect(labelFigures(swap!)).toEqual({ txs: 2, sent: 1, mined: 1, reverted: 0, failed: 1 })
    expect(labelFigures(add!)).toEqual({ txs: 1, sent: 1, mined: 0, reverted: 1, failed: 0 })
  })

  it('counts stored rows the same way, gap fills left out', () => {
    const rows = [
      { label: 'a', role: 'planned', state: 'mined' as const },
      { label: 'a', role: 'planned', state: 'dropped' as const },
      { label: 'b', role: 'planned', state: 'submitted' as const },
      { label: 'nonce gap fill', role: 'gap-fill', state: 'mined' as const },
    ]
    expect(labelCountsOfRows(rows).map((l) => [l.label, labelFigures(l)])).toEqual([
      ['a', { txs: 2, sent: 2, mined: 1, reverted: 0, failed: 1 }],
      ['b', { txs: 1, sent: 1, mined: 0, reverted: 0, failed: 0 }],
    ])
  })
})
