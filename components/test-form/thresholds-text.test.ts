import { describe, expect, it } from 'vitest'
import { parseTestConfig, publicConfig } from '@/services/config/parse'
import { configToDraft } from './config-to-draft'
import { draftToConfig } from './draft-to-config'
import { textToThresholds, thresholdsToText } from './thresholds-text'

const stored = (config: unknown) => publicConfig(parseTestConfig(config))

describe('the thresholds textarea', () => {
  it('shows plain thresholds one per line and sends them back as expressions', () => {
    const saved = stored({ thresholds: ['latency.p95 < 2000', 'rate.failed < 1'] })
    const draft = configToDraft(saved)
    expect(draft.thresholds).toBe('latency.p95 < 2000\nrate.failed < 1')
    expect(draft.extra).not.toHaveProperty('thresholds')
    expect(stored(draftToConfig(draft))).toEqual(saved)
  })

  it('shows a JSON list when one needs the object form, and keeps it on re-run', () => {
    const saved = stored({
      thresholds: ['count.reverted == 0', { metric: 'count.failed', op: '==', value: 0, abortOnFail: true }],
    })
    const text = configToDraft(saved).thresholds
    expect(JSON.parse(text)).toEqual([
      'count.reverted == 0',
      { metric: 'count.failed', op: '==', value: 0, abortOnFail: true },
    ])
    expect(stored(draftToConfig(configToDraft(saved)))).toEqual(saved)
  })

  it('blank is absent; a broken JSON list goes as typed, so the schema names the field', () => {
    expect(textToThresholds('  \n ')).toBeUndefined()
    expect(textToThresholds('latency.p95 < 2000\n\n  count.mined > 1  ')).toEqual([
      'latency.p95 < 2000',
      'count.mined > 1',
    ])
    expect(textToThresholds('[ "latency.p95 < 2000", ')).toBe('[ "latency.p95 < 2000",')
    expect(thresholdsToText(undefined)).toBe('')
    expect(() => parseTestConfig({ thresholds: textToThresholds('[ oops') })).toThrow(/thresholds:/)
  })
})
