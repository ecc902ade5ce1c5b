import { describe, expect, it } from 'vitest'
import { parsePrometheusText, total } from '../../test/helpers/scrape'
import { emptyCounts } from '../run-model/counts'
import { createEventBus } from '../testing/events'
import { createPrometheusExporter, keptRuns } from './prometheus'

const tx = (state: 'signed' | 'mined', prev: 'planned' | 'signed') =>
  ({
    type: 'tx',
    at: 1,
    idx: 0,
    state,
    prev,
    role: 'planned',
    label: 'swap',
    from: '0x00000000000000000000000000000000000000a1',
    gas: 21_000n,
    attempt: 1,
    latencyMs: 1_500,
  }) as const

describe('Prometheus exporter', () => {
  it('keeps the newest runs only, whole, and one status per run', async () => {
    const exporter = createPrometheusExporter()
    const buses = Array.from({ length: keptRuns + 1 }, () => createEventBus())
    buses.forEach((bus, i) => {
      exporter.attach({ id: `run-${i}`, bus, counts: () => emptyCounts(1) })
      bus.emit('event', { type: 'status', at: 1, status: 'running' })
      bus.emit('event', tx('signed', 'planned'))
      bus.emit('event', tx('mined', 'signed'))
      bus.emit('event', { type: 'status', at: 2, status: 'completed' })
    })
    const text = await exporter.metrics()
    const families = parsePrometheusText(text)
    expect(text).not.toContain('run_id="run-0"')
    const last = { run_id: `run-${keptRuns}` }
    expect(total(families, 'evm_stress_txs_total', { ...last, label: 'swap', state: 'mined' })).toBe(1)
    expect(total(families, 'evm_stress_inclusion_latency_seconds', { ...last, label: 'swap' })).toBe(1)
    expect(total(families, 'evm_stress_run_status', last)).toBe(1)
    expect(total(families, 'evm_stress_run_status', { ...last, status: 'completed' })).toBe(1)
    expect(total(families, 'evm_stress_txs', { ...last, state: 'planned' })).toBe(1)
    // A detached run's events no longer count.
    buses[0]?.emit('event', tx('mined', 'signed'))
    expect(await exporter.metrics()).not.toContain('run_id="run-0"')
  })
})
