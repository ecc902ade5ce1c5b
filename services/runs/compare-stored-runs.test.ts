import { describe, expect, test } from 'vitest'
import { ConfigError } from '../errors/base'
import type { RunReport } from '../metrics/report'
import { functionGasOf, parseCompareQuery } from './compare-stored-runs'

const query = (q: string) => parseCompareQuery(new URLSearchParams(q))

describe('parseCompareQuery', () => {
  test('ids and tolerance (5 % by default)', () => {
    expect(query('base=a&run=b')).toEqual({ base: 'a', run: 'b', tolerancePct: 5 })
    expect(query('base=a&run=b&tolerance=12.5')).toEqual({ base: 'a', run: 'b', tolerancePct: 12.5 })
  })

  test('names each missing or bad field', () => {
    const fields = (q: string) => {
      try {
        query(q)
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError)
        return (e as ConfigError).issues.map((i) => i.field)
      }
      throw new Error('no error')
    }
    expect(fields('')).toEqual(['base', 'run'])
    expect(fields('base=a')).toEqual(['run'])
    expect(fields('base=a&run=b&tolerance=-1')).toEqual(['tolerance'])
    expect(fields('base=a&run=b&tolerance=abc')).toEqual(['tolerance'])
  })
})

describe('functionGasOf', () => {
  const stats = (label: string, role: 'planned' | 'gap-fill', avg: number | null) =>
    ({
      label,
      role,
      mined: 40,
      reverted: 2,
      gas: { avg, p95: avg, min: avg, max: avg, total: 0 },
      latencyMs: { p50: 90, p95: 120 },
    }) as unknown as RunReport['functions'][number]

  test('the planned functions’ gas, mined, reverted and latency; gap fills and unlabelled rows left out', () => {
    const report = {
      functions: [
        stats('mint', 'planned', 50_000),
        stats('nonce gap fill', 'gap-fill', 21_000),
        stats('', 'planned', null),
      ],
    } as RunReport
    expect(functionGasOf(report)).toEqual([
      { label: 'mint', gasAvg: 50_000, gasP95: 50_000, mined: 40, reverted: 2, latencyP95: 120 },
    ])
  })

  test('a report from before per-function stats has none', () => {
    expect(functionGasOf({} as RunReport)).toBeNull()
    expect(functionGasOf(undefined)).toBeNull()
  })
})
