import { describe, expect, test } from 'vitest'
import { emptyCounts } from '../run-model/counts'
import { type ComparableRun, compareRuns, deltaPct, rejudge, verdictOf } from './metric-deltas'

function run(over: Partial<ComparableRun> = {}): ComparableRun {
  return {
    counts: { ...emptyCounts(100), mined: 98, failed: 1, dropped: 1 },
    throughput: { sentPerSec: 100, minedPerSec: 50 },
    latencyMs: { p50: 100, p95: 200, p99: 300 },
    durationMs: 2_000,
    submitRttMs: { p50: 5, p95: 10, p99: 20 },
    blocks: { avgFullness: 0.5 },
    ...over,
  }
}

const byMetric = (rows: ReturnType<typeof compareRuns>) => new Map(rows.map((r) => [r.metric, r]))

describe('deltaPct', () => {
  test('is (run − base) / base × 100', () => {
    expect(deltaPct(100, 200)).toBe(100)
    expect(deltaPct(200, 100)).toBe(-50)
    expect(deltaPct(50, 50)).toBe(0)
  })
  test('zero base: 0 → 0 is no change, 0 → something has no ratio', () => {
    expect(deltaPct(0, 0)).toBe(0)
    expect(deltaPct(0, 5)).toBeNull()
  })
  test('a missing value has no delta', () => {
    expect(deltaPct(null, 5)).toBeNull()
    expect(deltaPct(5, null)).toBeNull()
  })
})

describe('verdictOf', () => {
  test('higher is better: up is better, down is worse', () => {
    expect(verdictOf(100, 120, 'higher')).toBe('better')
    expect(verdictOf(100, 80, 'higher')).toBe('worse')
  })
  test('lower is better: down is better, up is worse', () => {
    expect(verdictOf(100, 80, 'lower')).toBe('better')
    expect(verdictOf(100, 120, 'lower')).toBe('worse')
  })
  test('within the tolerance (inclusive) it is the same', () => {
    expect(verdictOf(100, 105, 'lower')).toBe('same')
    expect(verdictOf(100, 95, 'higher')).toBe('same')
    expect(verdictOf(100, 105.1, 'lower')).toBe('worse')
    expect(verdictOf(100, 110, 'lower', 10)).toBe('same')
    expect(verdictOf(100, 100.5, 'lower', 0)).toBe('worse')
  })
  test('from zero the sign decides', () => {
    expect(verdictOf(0, 3, 'lower')).toBe('worse')
    expect(verdictOf(0, 3, 'higher')).toBe('better')
    expect(verdictOf(0, 0, 'lower')).toBe('same')
  })
  test('no judgement for inputs or missing values', () => {
    expect(verdictOf(100, 200, null)).toBeNull()
    expect(verdictOf(null, 200, 'higher')).toBeNull()
  })
})

describe('compareRuns', () => {
  test('twice the txs: planned and mined +100 %, time-like metrics judged lower-is-better', () => {
    const base = run()
    const other = run({
      counts: { ...emptyCounts(200), mined: 196, failed: 2, dropped: 2 },
      durationMs: 4_000,
      latencyMs: { p50: 90, p95: 300, p99: 300 },
    })
    const rows = byMetric(compareRuns(base, other))
    expect(rows.get('planned')).toMatchObject({ base: 100, run: 200, deltaPct: 100, better: null, verdict: null })
    expect(rows.get('mined')).toMatchObject({ base: 98, run: 196, deltaPct: 100, verdict: 'better' })
    expect(rows.get('failed')).toMatchObject({ base: 2, run: 4, deltaPct: 100, verdict: 'worse' })
    expect(rows.get('success')).toMatchObject({ base: 98, run: 98, deltaPct: 0, verdict: 'same' })
    expect(rows.get('duration')).toMatchObject({ deltaPct: 100, better: 'lower', verdict: 'worse' })
    expect(rows.get('latency-p50')).toMatchObject({ deltaPct: -10, verdict: 'better' })
    expect(rows.get('latency-p95')).toMatchObject({ deltaPct: 50, verdict: 'worse' })
    expect(rows.get('latency-p99')).toMatchObject({ deltaPct: 0, verdict: 'same' })
    expect(rows.get('block-fullness')).toMatchObject({ base: 50, run: 50, unit: '%' })
  })

  test('every row has the fields the page reads', () => {
    for (const r of compareRuns(run(), run()))
      expect(Object.keys(r).sort()).toEqual(['base', 'better', 'deltaPct', 'label', 'metric', 'run', 'unit', 'verdict'])
  })

  test('zero base: reverted 0 → 4 has no ratio and is worse', () => {
    const rows = byMetric(
      compareRuns(run(), run({ counts: { ...emptyCounts(100), mined: 94, reverted: 4, failed: 2 } })),
    )
    expect(rows.get('reverted')).toMatchObject({ base: 0, run: 4, deltaPct: null, verdict: 'worse' })
  })

  test('missing numbers (no report, nothing mined) are compared as null, without a verdict', () => {
    const rows = byMetric(
      compareRuns(
        run({ submitRttMs: null, blocks: null }),
        run({ latencyMs: { p50: null, p95: null, p99: null }, durationMs: null }),
      ),
    )
    expect(rows.get('submit-rtt-p95')).toMatchObject({ base: null, deltaPct: null, verdict: null })
    expect(rows.get('block-fullness')).toMatchObject({ base: null, verdict: null })
    expect(rows.get('latency-p95')).toMatchObject({ base: 200, run: null, verdict: null })
    expect(rows.get('duration')).toMatchObject({ run: null, verdict: null })
  })

  test('tolerance is configurable, and rejudge applies a new one to the same rows', () => {
    const base = run()
    const other = run({ throughput: { sentPerSec: 108, minedPerSec: 46 } })
    const at5 = byMetric(compareRuns(base, other))
    expect(at5.get('sent-rate')?.verdict).toBe('better')
    expect(at5.get('mined-rate')?.verdict).toBe('worse')
    const at10 = byMetric(compareRuns(base, other, { tolerancePct: 10 }))
    expect(at10.get('sent-rate')?.verdict).toBe('same')
    expect(at10.get('mined-rate')?.verdict).toBe('same')
    expect(rejudge([...at5.values()], 10)).toEqual([...at10.values()])
  })

  test('per-function gas rows for the functions both runs called, matched by label', () => {
    const base = run({
      functions: [
        { label: 'transfer', gasAvg: 21_000, gasP95: 21_000 },
        { label: 'mint', gasAvg: 50_000, gasP95: 60_000 },
      ],
    })
    const other = run({
      functions: [
        { label: 'mint', gasAvg: 40_000, gasP95: 66_000 },
        { label: 'burn', gasAvg: 30_000, gasP95: 30_000 },
      ],
    })
    const gas = compareRuns(base, other).filter((r) => r.unit === 'gas')
    expect(gas.map((r) => r.metric)).toEqual(['gas-avg:mint', 'gas-p95:mint'])
    expect(gas[0]).toMatchObject({ base: 50_000, run: 40_000, deltaPct: -20, better: 'lower', verdict: 'better' })
    expect(gas[1]).toMatchObject({ deltaPct: 10, verdict: 'worse' })
    expect(compareRuns(run(), other).some((r) => r.unit === 'gas')).toBe(false)
  })

  test('per-call rows for a workload: mined, reverted and latency of each label both runs sent', () => {
    const call = (mined: number, reverted: number, latencyP95: number) => ({
      label: 'swap A→B',
      gasAvg: 70_000,
      gasP95: 71_000,
      mined,
      reverted,
      latencyP95,
    })
    const rows = byMetric(
      compareRuns(run({ functions: [call(600, 0, 100)] }), run({ functions: [call(540, 60, 150)] })),
    )
    expect(rows.get('mined:swap A→B')).toMatchObject({ base: 600, run: 540, deltaPct: -10, verdict: 'worse' })
    expect(rows.get('reverted:swap A→B')).toMatchObject({ base: 0, run: 60, better: 'lower' })
    expect(rows.get('latency-p95:swap A→B')).toMatchObject({ deltaPct: 50, verdict: 'worse' })
  })
})
