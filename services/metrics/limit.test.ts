import { describe, expect, it } from 'vitest'
import type { PaceStats } from '../testing/pace-meter'
import { busyShare, judgeableMs, judgeLimit, limitingShare } from './limit'

const config = { mode: 'concurrent', rate: undefined, concurrency: 400, delayMs: 0, accounts: 10 } as const
const pace = (over: Partial<PaceStats>): PaceStats => ({
  sendingMs: 10_000,
  waitedOnNodeMs: 0,
  waitedOnRateMs: 0,
  waitedOnDelayMs: 0,
  mainThreadBusy: 0.3,
  cpuCores: 0.3,
  ...over,
})

describe('judgeLimit: what held the throughput back, from where the send loop waited', () => {
  it('too short a sending phase is not judged', () => {
    expect(judgeLimit(config, pace({ sendingMs: judgeableMs - 1, waitedOnNodeMs: 900 }), 5).by).toBe('unclear')
  })

  it('waiting on the node for half the phase or more: the node', () => {
    const at = limitingShare * 10_000
    expect(judgeLimit(config, pace({ waitedOnNodeMs: at }), 5).by).toBe('node')
    expect(judgeLimit(config, pace({ waitedOnNodeMs: at - 1 }), 5).by).toBe('unclear')
    const l = judgeLimit(config, pace({ waitedOnNodeMs: 9_300, mainThreadBusy: 0.41 }), 5)
    expect(l.because).toBe(
      "the send loop waited on it 93% of the sending time, with up to 400 txs in flight; this process's main thread was busy 41%",
    )
  })

  it('the rate and the think time come before the node: they are what the loop waited for', () => {
    const l = judgeLimit({ ...config, rate: 50 }, pace({ waitedOnRateMs: 8_000, waitedOnNodeMs: 1_000 }), 5)
    expect(l.by).toBe('rate')
    expect(l.because).toMatch(/^50 tx\/s; the send loop waited for its next token 80%/)
    const seq = { ...config, mode: 'sequential', delayMs: 100 } as const
    expect(judgeLimit(seq, pace({ waitedOnDelayMs: 6_000, waitedOnNodeMs: 3_000 }), 5).by).toBe('delay')
    expect(judgeLimit(seq, pace({ waitedOnDelayMs: 1_000, waitedOnNodeMs: 8_000 }), 5).because).toMatch(
      /^one tx at a time, the send loop waited on it 80% .*\(p50 5 ms a tx\)$/,
    )
  })

  it('no long wait and a busy main thread: this process', () => {
    expect(judgeLimit(config, pace({ waitedOnNodeMs: 2_000, mainThreadBusy: busyShare }), 5).by).toBe('engine')
    expect(judgeLimit(config, pace({ waitedOnNodeMs: 2_000, mainThreadBusy: busyShare - 0.01 }), 5).by).toBe('unclear')
  })

  it("a distributed run's pace is its workers' mean, and says so", () => {
    const l = judgeLimit(config, pace({ waitedOnNodeMs: 9_300, mainThreadBusy: 0.41, generators: 3 }), 5)
    expect(l.because).toBe(
      "the send loop waited on it 93% of the sending time, with up to 400 txs in flight; the 3 workers' main threads were busy 41% on average",
    )
    expect(l.hint).toBe(
      'The node takes txs slower than the 3 workers send them: this is its pace. More concurrency only queues more at the node.',
    )
    const busy = judgeLimit(config, pace({ waitedOnNodeMs: 2_000, mainThreadBusy: 0.9, generators: 3 }), 5)
    expect(busy.by).toBe('engine')
    expect(busy.hint).toMatch(/More workers/)
  })

  it('multi-user is judged from its shape: think time against the time a tx takes', () => {
    const users = { ...config, mode: 'multi-user', delayMs: 200 } as const
    expect(judgeLimit(users, pace({}), 50).by).toBe('delay')
    expect(judgeLimit(users, pace({}), 500).by).toBe('node')
    expect(judgeLimit({ ...users, delayMs: 0 }, pace({}), null).by).toBe('node')
  })

  it('the verdict carries the measurements it came from', () => {
    const p = pace({ waitedOnNodeMs: 7_000 })
    expect(judgeLimit(config, p, 5).pace).toEqual(p)
  })
})
