import { describe, expect, it } from 'vitest'
import type { TxRow } from '@/services/live/frames'
import type { TxState } from '@/services/testing/tx'
import { txRowFixture } from '@/test/helpers/tx-row'
import { TxRowTable } from './tx-row-table'

const row = (idx: number, state: TxState): TxRow => txRowFixture(idx, state, { updatedAt: idx })

describe('the tx log table holds a bounded window', () => {
  it('lets go of the oldest ended rows past its size, keeps open ones, and counts what it let go', () => {
    const t = new TxRowTable(100)
    t.upsert([row(0, 'submitted')])
    t.upsert(Array.from({ length: 150 }, (_, i) => row(i + 1, 'mined')))
    expect(t.size).toBeLessThanOrEqual(100)
    expect(t.get(0)?.state).toBe('submitted')
    expect(t.released).toBe(151 - t.size)
    // What is left is the newest, still sorted and indexed.
    expect(t.rows.map((r) => r.idx)).toEqual([0, ...Array.from({ length: t.size - 1 }, (_, i) => 151 - t.size + 1 + i)])
    for (const r of t.rows) expect(t.get(r.idx)).toBe(r)
    t.upsert([row(0, 'mined')])
    expect(t.get(0)?.state).toBe('mined')
  })
})
