import { describe, expect, it } from 'vitest'
import { parse as parseYaml, stringify as toYaml } from 'yaml'
import { parseTestConfig, publicConfig } from '../config/parse'
import { ConfigError } from '../errors/base'
import { thresholdMetricNames } from './metrics'
import { parseThresholdExpression } from './schema'

function configError(input: unknown): ConfigError {
  try {
    parseTestConfig(input)
  } catch (e) {
    if (e instanceof ConfigError) return e
    throw e
  }
  throw new Error('expected a ConfigError')
}

describe('thresholds in the config', () => {
  it('takes the compact string form and the object form alike', () => {
    const c = parseTestConfig({
      thresholds: [
        'latency.p95 < 2000',
        'rate.failed<=1.5',
        ' count.reverted == 0 ',
        'throughput.mined > 1e2',
        'errors.total != -1',
        { metric: 'count.failed', op: '==', value: 0, abortOnFail: true, name: 'nothing refused' },
      ],
    })
    expect(c.thresholds).toEqual([
      { metric: 'latency.p95', op: '<', value: 2000 },
      { metric: 'rate.failed', op: '<=', value: 1.5 },
      { metric: 'count.reverted', op: '==', value: 0 },
      { metric: 'throughput.mined', op: '>', value: 100 },
      { metric: 'errors.total', op: '!=', value: -1 },
      { metric: 'count.failed', op: '==', value: 0, abortOnFail: true, name: 'nothing refused' },
    ])
  })

  it('an unknown metric is a config error naming the field and listing the known metrics', () => {
    for (const input of ['latency.p96 < 3', { metric: 'latency.p96', op: '<', value: 3 }]) {
      const e = configError({ thresholds: ['count.mined >= 1', input] })
      expect(e.issues).toHaveLength(1)
      expect(e.issues[0]?.field).toBe('thresholds[1].metric')
      expect(e.issues[0]?.message).toContain('unknown metric "latency.p96"')
      for (const name of thresholdMetricNames) expect(e.issues[0]?.message).toContain(name)
    }
  })

  it.each([
    ['latency.p95 less than 2000'],
    ['latency.p95 < '],
    ['< 2000'],
    ['latency.p95 = 2000'],
    ['latency.p95 < 2000ms'],
    [''],
  ])('a string that is no expression (%j) is named at thresholds[N] with the grammar', (text) => {
    const e = configError({ thresholds: [text] })
    expect(e.issues).toEqual([{ field: 'thresholds[0]', message: expect.stringContaining('<metric> <op> <number>') }])
    expect(e.issues[0]?.message).toContain('latency.p95')
  })

  it('names a bad op, value or key of the object form, and caps the list', () => {
    const e = configError({
      thresholds: [
        { metric: 'latency.p50', op: '=<', value: 1 },
        { metric: 'latency.p50', op: '<', value: '1' },
        { metric: 'latency.p50', op: '<', value: 1, abort: true },
      ],
    })
    expect(e.issues.map((i) => i.field)).toEqual(['thresholds[0].op', 'thresholds[1].value', 'thresholds[2].abort'])
    expect(configError({ thresholds: Array(51).fill('count.mined > 0') }).issues).toEqual([
      { field: 'thresholds', message: 'at most 50 thresholds' },
    ])
    expect(configError({ thresholds: 'latency.p95 < 2000' }).issues[0]?.field).toBe('thresholds')
  })

  it('survives the JSON and YAML round trip of a stored config', () => {
    const stored = publicConfig(
      parseTestConfig({
        thresholds: ['latency.p95 < 2000', { metric: 'count.failed', op: '==', value: 0, abortOnFail: true }],
      }),
    )
    expect(stored.thresholds).toEqual([
      { metric: 'latency.p95', op: '<', value: 2000 },
      { metric: 'count.failed', op: '==', value: 0, abortOnFail: true },
    ])
    expect(publicConfig(parseTestConfig(JSON.parse(JSON.stringify(stored))))).toEqual(stored)
    expect(publicConfig(parseTestConfig(parseYaml(toYaml(stored))))).toEqual(stored)
  })

  it('parses expressions on their own', () => {
    expect(parseThresholdExpression('blocks.avgFullness >= .5')).toEqual({
      metric: 'blocks.avgFullness',
      op: '>=',
      value: 0.5,
    })
    expect(parseThresholdExpression('latency.p95 <> 3')).toBeNull()
  })
})
