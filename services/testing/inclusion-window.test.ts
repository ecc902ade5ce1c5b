import { describe, expect, it } from 'vitest'
import { createInclusionWindow, reorgWindowBlocks, reorgWindowTxs } from './inclusion-window'
import type { TxRecord } from './tx'

const record = (idx: number) => ({ idx }) as TxRecord

describe('the reorg window of included txs', () => {
  it('keeps the txs of the newest blocks only', () => {
    const w = createInclusionWindow()
    const old = record(0)
    w.add(old, 1n)
    w.add(record(1), 1n + reorgWindowBlocks - 1n)
    expect([...w.values()].map((r) => r.idx)).toEqual([0, 1])
    w.add(record(2), 1n + reorgWindowBlocks)
    expect([...w.values()].map((r) => r.idx)).toEqual([1, 2])
  })

  it('holds at most reorgWindowTxs, oldest let go first; a re-included tx moves to the end', () => {
    const w = createInclusionWindow()
    const first = record(0)
    w.add(first, 5n)
    for (let i = 1; i <= reorgWindowTxs; i++) w.add(record(i), 5n)
    expect(w.size).toBe(reorgWindowTxs)
    expect([...w.values()][0]?.idx).toBe(1)
    const again = [...w.values()][0] as TxRecord
    w.add(again, 6n)
    expect([...w.values()].at(-1)).toBe(again)
    w.delete(again)
    expect([...w.values()]).not.toContain(again)
  })
})
