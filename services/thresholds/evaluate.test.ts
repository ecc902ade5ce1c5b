import { describe, expect, it, vi } from 'vitest'
import { emptyCounts, type TxCounts } from '../run-model/counts'
import type { RunSnapshot } from '../run-model/model'
import { createEventBus, type RunEvent } from '../testing/events'
import { compare, describeVerdict, evaluateFinal, evaluateLive, minEnded } from './evaluate'
import type { ThresholdNumbers } from './metrics'
import type { ThresholdSpec } from './schema'
import { createThresholdWatch, thresholdTickMs } from './watch'

function numbers(counts: Partial<TxCounts> = {}, more: Partial<ThresholdNumbers> = {}): ThresholdNumbers {
  return {
    counts: { ...emptyCounts(1000), ...counts },
    throughput: { sentPerSec: 0, minedPerSec: 0 },
    latencyMs: { p50: null, p95: null, p99: null },
    submitRttMs: { p50: null, p95: null, p99: null },
    blocks: { count: 0, gasUsed: '0', ourTxs: 0, avgFullness: null },
    errors: [],
    ...more,
  }
}

const t = (metric: ThresholdSpec['metric'], op: ThresholdSpec['op'], value: number, extra = {}): ThresholdSpec => ({
  metric,
  op,
  value,
  ...extra,
})

describe('threshold evaluation', () => {
  it('compares with each op', () => {
    expect([compare(1, '<', 2), compare(2, '<', 2), compare(2, '<=', 2), compare(3, '<=', 2)]).toEqual([
      true,
      false,
      true,
      false,
    ])
    expect([compare(3, '>', 2), compare(2, '>', 2), compare(2, '>=', 2), compare(1, '>=', 2)]).toEqual([
      true,
      false,
      true,
      false,
    ])
    expect([compare(0, '==', 0), compare(1, '==', 0), compare(1, '!=', 0), compare(0, '!=', 0)]).toEqual([
      true,
      false,
      true,
      false,
    ])
  })

  it('reads every metric from the numbers, rates over the txs that ended (not the cancelled ones)', () => {
    const n = numbers(
      { planned: 200, mined: 90, reverted: 6, failed: 3, dropped: 1, cancelled: 100 },
      {
        throughput: { sentPerSec: 120.5, minedPerSec: 99.1 },
        latencyMs: { p50: 40, p95: 900, p99: 1500 },
        submitRttMs: { p50: 5, p95: 9, p99: 12 },
        blocks: { count: 3, gasUsed: '1', ourTxs: 96, avgFullness: 0.25 },
        errors: [{ count: 4 }, { count: 2 }] as RunSnapshot['errors'],
      },
    )
    const actual = (metric: ThresholdSpec['metric']) => evaluateFinal([t(metric, '>', 0)], n)[0]?.actual
    expect(actual('latency.p95')).toBe(900)
    expect(actual('submitRtt.p99')).toBe(12)
    expect(actual('throughput.mined')).toBe(99.1)
    expect(actual('throughput.sent')).toBe(120.5)
    expect(actual('count.cancelled')).toBe(100)
    expect(actual('rate.failed')).toBe(4)
    expect(actual('rate.reverted')).toBe(6)
    expect(actual('rate.success')).toBe(90)
    expect(actual('errors.total')).toBe(6)
    expect(actual('blocks.avgFullness')).toBe(0.25)
  })

  it('live: no data is pending (ok null); at the end it fails with "no data"', () => {
    const n = numbers({ planned: 10, failed: 10 })
    const [live] = evaluateLive([t('latency.p95', '<', 2000)], n)
    expect(live).toMatchObject({ ok: null, actual: null, definite: false })
    const [end] = evaluateFinal([t('latency.p95', '<', 2000)], n)
    expect(end).toMatchObject({ ok: false, actual: null, definite: true, reason: 'no data' })
    expect(describeVerdict(end!)).toBe('latency.p95 < 2000 ms, actual no data')
  })

  it('a count past an upper bound fails for good at once; one below a lower bound is only failing so far', () => {
    const n = numbers({ mined: 20, reverted: 1 })
    const [reverted, mined, exact, under, unequal] = evaluateLive(
      [
        t('count.reverted', '==', 0),
        t('count.mined', '>=', 50),
        t('count.mined', '==', 50),
        t('count.reverted', '<', 1),
        t('count.mined', '!=', 20),
      ],
      n,
    )
    expect(reverted).toMatchObject({ ok: false, definite: true, actual: 1 })
    expect(mined).toMatchObject({ ok: false, definite: false })
    expect(exact).toMatchObject({ ok: false, definite: false })
    expect(under).toMatchObject({ ok: false, definite: true })
    expect(unequal).toMatchObject({ ok: false, definite: false })
  })

  it('a latency or rate verdict is definite only once enough txs ended', () => {
    expect([minEnded(5), minEnded(50), minEnded(500), minEnded(1000), minEnded(1_000_000)]).toEqual([
      5, 10, 50, 100, 100,
    ])
    const spec = [t('rate.success', '>=', 99)]
    const early = evaluateLive(spec, numbers({ planned: 1000, mined: 40, failed: 10 }))[0]
    expect(early).toMatchObject({ ok: false, definite: false, reason: '50 of 100 txs ended' })
    const later = evaluateLive(spec, numbers({ planned: 1000, mined: 80, failed: 20 }))[0]
    expect(later).toMatchObject({ ok: false, definite: true, actual: 80 })
  })

  it('names a threshold by its expression unless it has a name', () => {
    const [a, b] = evaluateFinal(
      [t('count.mined', '>=', 5), t('count.mined', '>=', 5, { name: 'enough' })],
      numbers({ mined: 5 }),
    )
    expect(a).toMatchObject({ name: 'count.mined >= 5', ok: true, abortOnFail: false, unit: 'txs' })
    expect(b?.name).toBe('enough')
  })
})

describe('threshold watch', () => {
  const live = (counts: Partial<TxCounts>, status: RunSnapshot['status'] = 'running') => ({
    ...numbers(counts),
    status,
  })

  it('stops the run once, on the first definite failure of an abortOnFail threshold, with a warning first', () => {
    const bus = createEventBus()
    const events: RunEvent[] = []
    bus.on('event', (e) => events.push(e))
    const stop = vi.fn(() => expect(events.some((e) => e.type === 'warning')).toBe(true))
    const watch = createThresholdWatch({
      thresholds: [
        t('count.mined', '>=', 100, { abortOnFail: true }),
        t('count.failed', '==', 0, { abortOnFail: true, name: 'no failures' }),
      ],
      bus,
      snapshot: () => live({}),
      stop,
    })
    watch.check(live({ mined: 5 }))
    expect(stop).not.toHaveBeenCalled()
    // Not while preparing: nothing is being sent yet.
    watch.check(live({ failed: 1 }, 'funding'))
    expect(stop).not.toHaveBeenCalled()
    watch.check(live({ mined: 5, failed: 2 }))
    watch.check(live({ mined: 5, failed: 3 }))
    expect(stop).toHaveBeenCalledTimes(1)
    expect(events).toEqual([
      expect.objectContaining({
        type: 'warning',
        code: 'threshold-abort',
        message: expect.stringContaining('"no failures"'),
      }),
    ])
    expect(watch.abortedBy).toMatchObject({ name: 'no failures', actual: 2 })
    const report = watch.report(numbers({ mined: 5, failed: 3, cancelled: 992 }))
    expect(report.thresholdsOk).toBe(false)
    expect(report.thresholdAbort?.name).toBe('no failures')
    // At the end the verdicts are final: the unreached lower bound fails now.
    expect(watch.check(live({ mined: 5, failed: 3 }, 'stopped')).map((v) => v.ok)).toEqual([false, false])
  })

  it('without abortOnFail, a failure only shows; no thresholds, no live verdicts', () => {
    const stop = vi.fn()
    const watch = createThresholdWatch({
      thresholds: [t('count.failed', '==', 0)],
      bus: createEventBus(),
      stop,
      snapshot: () => live({}),
    })
    expect(watch.check(live({ failed: 4 }))[0]).toMatchObject({ ok: false, definite: true })
    expect(stop).not.toHaveBeenCalled()
    expect(watch.report(numbers({ failed: 4 })).thresholdsOk).toBe(false)
    const none = createThresholdWatch({ thresholds: undefined, bus: createEventBus(), stop, snapshot: () => live({}) })
    expect(none.latest()).toBeUndefined()
    watch.close()
    none.close()
    expect(none.report(numbers())).toEqual({ thresholds: [], thresholdsOk: true, thresholdAbort: null })
  })

  it("checks on the run model's own tick: the latest verdicts are read, and an abort needs no reader", () => {
    vi.useFakeTimers()
    try {
      let counts: Partial<TxCounts> = {}
      const stop = vi.fn()
      const watch = createThresholdWatch({
        thresholds: [t('count.failed', '==', 0, { abortOnFail: true })],
        bus: createEventBus(),
        stop,
        snapshot: () => live(counts),
      })
      expect(watch.latest()).toBeUndefined()
      vi.advanceTimersByTime(thresholdTickMs)
      expect(watch.latest()?.[0]).toMatchObject({ ok: true })
      counts = { failed: 1 }
      expect(stop).not.toHaveBeenCalled()
      vi.advanceTimersByTime(thresholdTickMs)
      expect(watch.latest()?.[0]).toMatchObject({ ok: false, definite: true })
      expect(stop).toHaveBeenCalledOnce()
      watch.close()
    } finally {
      vi.useRealTimers()
    }
  })
})
