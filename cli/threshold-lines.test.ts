import { describe, expect, it } from 'vitest'
import { fakeReport } from '../test/helpers/fake-report'
import { exitCodes } from './exit-codes'
import { exitCodeOf } from './run-command'
import { formatSummary } from './summary'
import { thresholdLines } from './threshold-lines'

describe('thresholds in the CLI', () => {
  it('the summary counts them, lists failed ones first, and passing ones compactly', () => {
    const lines = thresholdLines(fakeReport())
    expect(lines).toEqual([
      '',
      '  thresholds: 1 of 2 FAILED',
      '    ✗ fast <enough> & "quoted": throughput.mined > 1000000 tx/s, actual 700 tx/s',
      '    ✓ count.mined >= 50 txs, actual 50 txs',
    ])
    expect(formatSummary(fakeReport())).toContain('thresholds: 1 of 2 FAILED')
    expect(thresholdLines(fakeReport({ thresholds: [] }))).toEqual([])
  })

  it('names the threshold that stopped the run', () => {
    const r = fakeReport({ status: 'stopped' })
    const abort = { ...r.thresholds[1]!, ok: false }
    expect(thresholdLines({ ...r, thresholdAbort: abort }).at(-1)).toBe(
      '  stopped by threshold "fast <enough> & "quoted"": throughput.mined > 1000000 tx/s, actual 700 tx/s (abortOnFail)',
    )
  })

  it('exits 99 when a threshold failed on a completed run or stopped it, else as before', () => {
    expect(exitCodeOf(fakeReport())).toBe(exitCodes.thresholdsFailed)
    expect(exitCodes.thresholdsFailed).toBe(99)
    expect(exitCodeOf(fakeReport({ thresholdsOk: true }))).toBe(exitCodes.ok)
    expect(exitCodeOf(fakeReport({ status: 'stopped' }))).toBe(exitCodes.stopped)
    const check = (ok: boolean) => ({ name: 'count()', ok, expected: '30', actual: '30' })
    const withChecks = (ok: boolean) =>
      fakeReport({
        thresholdsOk: true,
        scenario: { name: 'custom-call', contracts: {}, checks: [check(true), check(ok)], findings: {} },
      })
    expect(exitCodeOf(withChecks(true))).toBe(exitCodes.ok)
    expect(exitCodeOf(withChecks(false))).toBe(exitCodes.thresholdsFailed)
    expect(exitCodeOf(fakeReport({ status: 'stopped', thresholdAbort: fakeReport().thresholds[1]! }))).toBe(99)
    expect(exitCodeOf(fakeReport({ status: 'failed', error: { code: 'NODE_UNAVAILABLE', message: 'x' } }))).toBe(
      exitCodes.couldNotRun,
    )
  })
})
