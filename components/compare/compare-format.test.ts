import { describe, expect, test } from 'vitest'
import { deltaAttr, formatDelta, formatValue } from './compare-format'

describe('compare formatting', () => {
  test('deltas carry their sign; zero base reads "new"; a missing side reads "—"', () => {
    expect(formatDelta({ base: 100, run: 200, deltaPct: 100 })).toBe('+100.0 %')
    expect(formatDelta({ base: 200, run: 175, deltaPct: -12.5 })).toBe('−12.5 %')
    expect(formatDelta({ base: 5, run: 5, deltaPct: 0 })).toBe('0.0 %')
    expect(formatDelta({ base: 0, run: 4, deltaPct: null })).toBe('new')
    expect(formatDelta({ base: null, run: 4, deltaPct: null })).toBe('—')
    expect(deltaAttr({ base: 100, run: 200, deltaPct: 100 })).toBe('100')
    expect(deltaAttr({ base: 0, run: 4, deltaPct: null })).toBe('new')
    expect(deltaAttr({ base: null, run: 4, deltaPct: null })).toBe('')
  })

  test('values in their unit', () => {
    expect(formatValue({ metric: 'planned', unit: 'txs' }, 1200)).toBe('1,200')
    expect(formatValue({ metric: 'duration', unit: 'ms' }, 2500)).toBe('2.5 s')
    expect(formatValue({ metric: 'latency-p95', unit: 'ms' }, 412.4)).toBe('412 ms')
    expect(formatValue({ metric: 'success', unit: '%' }, 99.5)).toBe('99.5 %')
    expect(formatValue({ metric: 'mined-rate', unit: 'tx/s' }, 12.34)).toBe('12.3')
    expect(formatValue({ metric: 'mined-rate', unit: 'tx/s' }, null)).toBe('—')
  })
})
