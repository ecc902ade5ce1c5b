import { describe, expect, test } from 'vitest'
import type { SeriesPoint } from '@/services/live/frames'
import { latencyP95, minedPerSecond, overlayData } from './overlay-data'

const point = (t: number, mined: number, p95: number | null = null): SeriesPoint => ({
  t,
  sent: mined,
  mined,
  reverted: 0,
  failed: 0,
  p50: p95,
  p95,
  p99: p95,
  errors: {},
})

describe('overlayData', () => {
  test('aligns two runs by seconds since each one’s first point', () => {
    const base = [point(1_000_000, 5), point(1_001_000, 7)]
    const run = [point(9_000_000, 10), point(9_001_000, 12), point(9_002_000, 3)]
    expect(overlayData(base, run, minedPerSecond)).toEqual([
      [0, 1, 2],
      [5, 7, null],
      [10, 12, 3],
    ])
  })

  test('seconds without a value stay null (a gap, not a zero)', () => {
    const base = [point(0, 1, 100), point(1_000, 0, null)]
    expect(overlayData(base, [], latencyP95)).toEqual([
      [0, 1],
      [100, null],
      [null, null],
    ])
  })

  test('no points: an empty chart', () => {
    expect(overlayData([], [], minedPerSecond)).toEqual([[], [], []])
  })
})
