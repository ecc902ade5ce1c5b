import { describe, expect, test } from 'vitest'
import type { LiveStats } from '@/services/live/frames'
import { emptyCounts } from '@/services/run-model/counts'
import type { RunSummary } from '@/services/runs/types'
import { progressFigures } from './progress-figures'

const run = (status: RunSummary['status']): RunSummary => ({
  id: 'r1',
  name: null,
  status,
  config: {} as RunSummary['config'],
  counts: emptyCounts(10),
  createdAt: 0,
  startedAt: 0,
  endedAt: null,
  durationMs: 1234,
  mining: 'auto',
  chainId: 31337,
  throughput: { sentPerSec: 1, minedPerSec: 1 },
  latencyMs: { p50: 5, p95: 6, p99: 7 },
  limit: null,
  reported: false,
  error: null,
})

const counts = { ...emptyCounts(10), signed: 1, submitted: 2, mined: 4, reverted: 1, failed: 1, dropped: 1 }

const stats: LiveStats = {
  status: 'running',
  mining: 'interval 1s',
  counts,
  startedAt: 1_000,
  endedAt: null,
  pausedMs: 0,
  now: 6_000,
  etaSec: 3,
  throughput: { sentPerSec: 2, minedPerSec: 1 },
  recent: { sentPerSec: 20, minedPerSec: 10 },
  latencyMs: { p50: 100, p95: 200, p99: 300 },
  successPct: null,
  lastBlock: { number: 7, at: 5_000, gasUsed: 15, gasLimit: 30, txs: 3, ours: 2 },
}

describe('progressFigures', () => {
  test('while running: the recent pace, elapsed against the server clock, derived counters', () => {
    const f = progressFigures(run('running'), stats, counts)
    expect(f).toMatchObject({
      status: 'running',
      finished: 7,
      pct: 70,
      reached: 4 + 1 + 2 + 1,
      inFlight: 3,
      elapsedMs: 5_000,
      etaSec: 3,
      rates: { sent: 20, mined: 10, window: 'recent' },
      gasPct: 50,
      mining: 'interval 1s',
    })
    // mined / (mined + reverted + failed + dropped) when the server has none.
    expect(f.successPct).toBeCloseTo((4 / 7) * 100)
  })

  test('once finished: the average pace, no ETA, and the polled status wins over a stale stream', () => {
    const f = progressFigures(run('completed'), stats, counts)
    expect(f.status).toBe('completed')
    expect(f.etaSec).toBeNull()
    expect(f.rates).toEqual({ sent: 2, mined: 1, window: 'average' })
  })

  test('before the first frame: the run summary', () => {
    const f = progressFigures(run('running'), null, emptyCounts(10))
    expect(f).toMatchObject({ elapsedMs: 1234, latency: { p50: 5 }, mining: 'auto', pct: 0, successPct: null })
  })
})
