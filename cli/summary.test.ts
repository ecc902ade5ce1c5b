import { describe, expect, it } from 'vitest'
import { emptyCounts } from '../services/testing/ledger'
import { fakeReport } from '../test/helpers/fake-report'
import { formatSummary } from './summary'

describe('CLI summary: accounting line', () => {
  it('says the books balance, that a run failed before sending anything, or that they do not', () => {
    expect(formatSummary(fakeReport())).toContain(
      'planned = mined + reverted + failed + dropped + cancelled + unconfirmed ✓',
    )
    const failedEarly = fakeReport({ status: 'failed', counts: emptyCounts(100), invariantHolds: false })
    expect(formatSummary(failedEarly)).toContain('nothing was sent (the run failed before its first tx)')
    const off = fakeReport({ counts: { ...emptyCounts(100), mined: 98 }, invariantHolds: false })
    expect(formatSummary(off)).toContain('MISMATCH')
  })
})
