import { describe, expect, it } from 'vitest'
import type { ThresholdVerdict } from '@/services/thresholds/evaluate'
import { badgeState, badgeText } from './threshold-state'

const verdict = (over: Partial<ThresholdVerdict>): ThresholdVerdict => ({
  name: 'latency.p95 < 2000',
  metric: 'latency.p95',
  op: '<',
  value: 2000,
  unit: 'ms',
  actual: 850,
  ok: true,
  definite: false,
  abortOnFail: false,
  ...over,
})

describe('threshold badges', () => {
  it('pass, fail only once definite, pending otherwise', () => {
    expect(badgeState(verdict({}))).toBe('true')
    expect(badgeState(verdict({ ok: false, definite: true }))).toBe('false')
    expect(badgeState(verdict({ ok: false, definite: false, reason: '12 of 100 txs ended' }))).toBe('pending')
    expect(badgeState(verdict({ ok: null, actual: null }))).toBe('pending')
  })

  it('say the actual value against the target, and why a badge is pending', () => {
    expect(badgeText(verdict({}))).toEqual({
      label: 'latency.p95 < 2000',
      detail: '850 ms (target < 2000 ms)',
      title: 'latency.p95 < 2000 ms: holds',
    })
    expect(badgeText(verdict({ ok: false, actual: 3100, reason: '12 of 100 txs ended' })).title).toBe(
      'latency.p95 < 2000 ms: failing so far, not decided yet (12 of 100 txs ended)',
    )
    expect(badgeText(verdict({ ok: null, actual: null, reason: 'no data yet' })).detail).toBe(
      'no data (target < 2000 ms)',
    )
  })
})
