import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../testing/events'
import { unincludedFate } from '../testing/unincluded-fate'
import { emptyCounts, invariantHolds, pctOf, settledTotal, successPct, terminalTotal } from './counts'
import { createRunModel } from './model'
import { txEvent } from './test-events'

const tx = txEvent
const status = (s: Extract<RunEvent, { type: 'status' }>['status'], at: number): RunEvent => ({
  type: 'status',
  at,
  status: s,
})

describe('the run model', () => {
  it('counts each tx by its latest state, from the transitions alone', () => {
    const m = createRunModel(4)
    for (const e of [
      tx(0, 'planned', 'signed', 1),
      tx(1, 'planned', 'signed', 1),
      tx(2, 'planned', 'signed', 1),
      tx(0, 'signed', 'submitted', 2, { submittedAt: 1 }),
      tx(0, 'submitted', 'submitted', 3, { submittedAt: 1 }), // a repeat changes nothing
      tx(1, 'signed', 'failed', 3),
      tx(0, 'submitted', 'mined', 5, { submittedAt: 1, latencyMs: 4 }),
      tx(2, 'signed', 'reverted', 4, { submittedAt: 1, latencyMs: 3 }), // in a block before its answer
      tx(3, 'planned', 'cancelled', 6),
    ])
      m.onEvent(e)
    const c = m.snapshot(10).counts
    expect(c).toEqual({ ...emptyCounts(4), mined: 1, reverted: 1, failed: 1, cancelled: 1 })
    expect(terminalTotal(c)).toBe(4)
    expect(settledTotal(c)).toBe(3)
    expect(invariantHolds(c)).toBe(true)
    expect(m.snapshot(10).latencyMs).toEqual({ p50: 3, p95: 4, p99: 4 })
  })

  it('has one success % with one rounding: 2 decimals of mined over settled, null before any', () => {
    expect(successPct(emptyCounts(3))).toBeNull()
    expect(successPct({ ...emptyCounts(3), mined: 2, failed: 1, cancelled: 5 })).toBe(66.67)
    expect(pctOf(1, 3)).toBe(33.33)
    expect(pctOf(1, 0)).toBeNull()
  })

  it('keeps one clock: started at the first engine status, paused spans summed, ended at the terminal status', () => {
    const m = createRunModel(1)
    m.onEvent(status('pending', 50))
    m.onEvent(status('preparing', 100))
    m.onEvent(status('running', 200))
    m.onEvent(status('paused', 300))
    expect(m.snapshot(450)).toMatchObject({ startedAt: 100, elapsedMs: 350, pausedMs: 150, endedAt: null })
    m.onEvent(status('running', 500))
    // Held for the node: not a user pause.
    m.onEvent(status('waiting-for-node', 600))
    m.onEvent(status('running', 700))
    m.onEvent(status('paused', 800))
    m.onEvent(status('running', 900))
    m.onEvent(status('draining', 950))
    m.onEvent(status('completed', 1_000))
    // A resume never restarts the clock; later events do not move a finished run.
    m.onEvent(status('running', 2_000))
    expect(m.snapshot(5_000)).toMatchObject({
      status: 'completed',
      startedAt: 100,
      endedAt: 1_000,
      elapsedMs: 900,
      pausedMs: 300,
    })
  })

  it('groups failed attempts by kind and label, the first message the sample', () => {
    const m = createRunModel(1)
    const err = (at: number, message: string, willRetry: boolean, label = 'transfer'): RunEvent => ({
      type: 'error',
      at,
      label,
      error: { kind: 'nonce-too-low', message },
      willRetry,
    })
    m.onEvent(err(1, 'first', true))
    m.onEvent(err(2, 'zzz later', false))
    m.onEvent(err(3, 'other label', false, 'approve'))
    const [a, b] = m.snapshot(5).errors
    expect(a).toMatchObject({ kind: 'nonce-too-low', label: 'transfer', count: 2, retried: 1, sample: 'first' })
    expect(a).toMatchObject({ firstAt: 1, lastAt: 2 })
    expect(b).toMatchObject({ label: 'approve', count: 1, sample: 'other label' })
  })

  it('bounds the send rate by the earliest send and the latest acceptance', () => {
    const m = createRunModel(2)
    m.onEvent(tx(0, 'planned', 'signed', 0))
    m.onEvent(tx(1, 'planned', 'signed', 0))
    m.onEvent(tx(1, 'signed', 'submitted', 1_000, { submittedAt: 900 }))
    m.onEvent(tx(0, 'signed', 'submitted', 2_000, { submittedAt: 0 }))
    m.onEvent(tx(0, 'submitted', 'mined', 2_500, { submittedAt: 0, latencyMs: 2_400 }))
    const s = m.snapshot(3_000)
    expect(s).toMatchObject({ firstSubmitAt: 0, lastSubmitAt: 2_000, lastInclusionAt: 2_400 })
    // 2 reached the node over 2 s; 1 included over 2.4 s.
    expect(s.throughput).toEqual({ sentPerSec: 1, minedPerSec: 0.4 })
  })

  it('settles an open tx without a receipt by one rule: never accepted → failed, accepted → dropped', () => {
    expect(unincludedFate({ state: 'signed' })).toBe('failed')
    expect(unincludedFate({ state: 'submitted', error: { kind: 'timeout', message: 'refused at last' } })).toBe(
      'failed',
    )
    expect(unincludedFate({ state: 'submitted' })).toBe('dropped')
  })
})
