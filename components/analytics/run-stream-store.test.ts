import { describe, expect, test } from 'vitest'
import type { LiveStats, ResetFrame, SeriesPoint, StatsFrame, TxRow, TxsFrame } from '@/services/live/frames'
import { emptyCounts } from '@/services/run-model/counts'
import type { TxState } from '@/services/testing/tx'
import { txRowFixture } from '@/test/helpers/tx-row'
import { maxBlocks, RunStreamStore } from './run-stream-store'

const row = (idx: number, state: TxState = 'signed'): TxRow =>
  txRowFixture(idx, state, { role: idx < 0 ? 'gap-fill' : 'planned' })

const stats = (mined = 0): LiveStats => ({
  status: 'running',
  mining: 'interval',
  counts: { ...emptyCounts(10), mined },
  startedAt: 0,
  endedAt: null,
  pausedMs: 0,
  now: 1000,
  etaSec: null,
  throughput: { sentPerSec: 0, minedPerSec: 0 },
  recent: { sentPerSec: 0, minedPerSec: 0 },
  latencyMs: { p50: null, p95: null, p99: null },
  successPct: null,
  lastBlock: null,
})

const point = (t: number, sent = 1): SeriesPoint => ({
  t,
  sent,
  mined: 0,
  reverted: 0,
  failed: 0,
  p50: null,
  p95: null,
  p99: null,
  errors: {},
})

const reset = (seq: number, extra: Partial<ResetFrame> = {}): ResetFrame => ({
  kind: 'reset',
  seq,
  stats: stats(),
  series: [],
  blocks: [],
  markers: [],
  accounts: [],
  errors: [],
  txCount: 0,
  ...extra,
})

const txs = (seq: number, rows: TxRow[], mined = 0): TxsFrame => ({
  kind: 'txs',
  seq,
  rows,
  counts: { ...emptyCounts(10), mined },
  sentAt: 0,
})

const statsFrame = (seq: number, extra: Partial<StatsFrame> = {}): StatsFrame => ({
  kind: 'stats',
  seq,
  stats: stats(),
  series: [],
  blocks: [],
  markers: [],
  sentAt: 0,
  ...extra,
})

/** A store that went through a complete reset carrying these rows. */
function afterReset(seq: number, rows: TxRow[]): RunStreamStore {
  const store = new RunStreamStore()
  store.apply(reset(seq, { txCount: rows.length }))
  store.apply({ kind: 'reset-txs', rows })
  store.apply({ kind: 'reset-done', seq })
  return store
}

const idxs = (store: RunStreamStore) => store.view().rows.map((r) => r.idx)

describe('RunStreamStore', () => {
  test('a reset is swapped in only on reset-done, replacing everything', () => {
    const store = afterReset(5, [row(0), row(1)])
    store.apply(txs(6, [row(2)]))
    expect(idxs(store)).toEqual([0, 1, 2])

    expect(store.apply(reset(9, { series: [point(1000)] }))).toBe(false)
    store.apply({ kind: 'reset-txs', rows: [row(7)] })
    store.apply({ kind: 'reset-txs', rows: [row(8)] })
    // Still the old state while the reset's parts arrive.
    expect(idxs(store)).toEqual([0, 1, 2])
    expect(store.view().series).toEqual([])

    const version = store.view().rowsVersion
    expect(store.apply({ kind: 'reset-done', seq: 9 })).toBe(true)
    const view = store.view()
    expect(idxs(store)).toEqual([7, 8])
    expect(view.series).toHaveLength(1)
    expect(view.lastSeq).toBe(9)
    expect(view.rowsVersion).toBeGreaterThan(version)
    expect(store.metrics.resets).toBe(2)
  })

  test('a reset with a lower seq (the server restarted) still wins', () => {
    const store = afterReset(50, [row(0)])
    store.apply(reset(2))
    store.apply({ kind: 'reset-done', seq: 2 })
    expect(store.lastSeq).toBe(2)
    expect(store.apply(txs(3, [row(1)]))).toBe(true)
  })

  test('an aborted reset (connection dropped mid-way) leaves the state as it was', () => {
    const store = afterReset(1, [row(0)])
    store.apply(reset(4))
    store.apply({ kind: 'reset-txs', rows: [row(9)] })
    store.abortReset()
    expect(store.apply({ kind: 'reset-done', seq: 4 })).toBe(false)
    expect(idxs(store)).toEqual([0])
    expect(store.lastSeq).toBe(1)
  })

  test('frames at or below the last applied seq are ignored and counted', () => {
    const store = afterReset(1, [])
    expect(store.apply(txs(2, [row(0)], 0))).toBe(true)
    expect(store.apply(txs(3, [row(0, 'mined')], 1))).toBe(true)
    expect(store.apply(txs(2, [row(0, 'signed')], 0))).toBe(false)
    expect(store.apply(txs(3, [row(0, 'signed')], 0))).toBe(false)
    expect(store.apply(statsFrame(1))).toBe(false)
    const view = store.view()
    expect(view.rows[0]?.state).toBe('mined')
    expect(view.counts?.mined).toBe(1)
    expect(store.metrics).toMatchObject({ lastSeq: 3, duplicatesIgnored: 3, framesApplied: 3 })
  })

  test('rows are upserted by idx: an update replaces the row in place', () => {
    const store = afterReset(1, [row(0), row(1), row(2)])
    const before = store.view().rowsVersion
    store.apply(txs(2, [row(1, 'submitted'), row(3)]))
    const view = store.view()
    expect(idxs(store)).toEqual([0, 1, 2, 3])
    expect(view.rows[1]?.state).toBe('submitted')
    expect(view.rowsVersion).toBe(before + 1)
  })

  test('rows stay sorted by idx when one arrives out of order, and later updates find it', () => {
    const store = afterReset(1, [row(0), row(2), row(5)])
    store.apply(txs(2, [row(3), row(-1), row(1)]))
    expect(idxs(store)).toEqual([-1, 0, 1, 2, 3, 5])
    store.apply(txs(3, [row(3, 'mined'), row(-1, 'mined'), row(5, 'failed')]))
    const states = Object.fromEntries(store.view().rows.map((r) => [r.idx, r.state]))
    expect(states).toEqual({ '-1': 'mined', 0: 'signed', 1: 'signed', 2: 'signed', 3: 'mined', 5: 'failed' })
    expect(store.view().rows).toHaveLength(6)
  })

  test('counts follow every txs frame, stats replace them at their turn', () => {
    const store = afterReset(1, [])
    store.apply(txs(2, [row(0)], 4))
    expect(store.view().counts?.mined).toBe(4)
    store.apply(statsFrame(3, { stats: stats(6) }))
    expect(store.view().counts?.mined).toBe(6)
    expect(store.view().stats?.counts.mined).toBe(6)
  })

  test('series points merge by time (a repeated second replaces), blocks keep the last 2,000', () => {
    const store = afterReset(1, [])
    store.apply(statsFrame(2, { series: [point(1000), point(2000, 1)] }))
    store.apply(statsFrame(3, { series: [point(2000, 5), point(3000)] }))
    expect(store.view().series.map((p) => [p.t, p.sent])).toEqual([
      [1000, 1],
      [2000, 5],
      [3000, 1],
    ])
    const block = (number: number) => ({ number, at: number, gasUsed: 1, gasLimit: 2, txs: 1, ours: 1 })
    store.apply(statsFrame(4, { blocks: Array.from({ length: maxBlocks + 5 }, (_, i) => block(i)) }))
    const { blocks } = store.view()
    expect(blocks).toHaveLength(maxBlocks)
    expect(blocks[0]?.number).toBe(5)
  })

  test('markers are not repeated; accounts and errors change only when a frame carries them', () => {
    const store = afterReset(1, [])
    const marker = { at: 5, kind: 'status' as const, label: 'paused' }
    const account = {
      address: '0x1',
      balanceWei: '1',
      localNonce: 0,
      onChainNonce: 0,
      inFlight: 0,
      low: false,
      lastError: null,
    }
    store.apply(statsFrame(2, { markers: [marker], accounts: [account] }))
    store.apply(statsFrame(3, { markers: [marker, { ...marker, at: 9, label: 'running' }] }))
    const view = store.view()
    expect(view.markers.map((m) => m.label)).toEqual(['paused', 'running'])
    expect(view.accounts).toEqual([account])
  })

  test('stats frames measure their lag; an end frame ends the stream for good', () => {
    const store = afterReset(1, [])
    store.setConnection('live')
    store.apply(statsFrame(2, { sentAt: 1_000 }), 1_040)
    expect(store.metrics.lastFrameLagMs).toBe(40)
    store.apply({ kind: 'end', seq: 3, stats: { ...stats(10), status: 'completed' } })
    expect(store.view().connection).toBe('ended')
    expect(store.view().stats?.status).toBe('completed')
    expect(store.setConnection('reconnecting')).toBe(false)
    expect(store.view().connection).toBe('ended')
  })
})
