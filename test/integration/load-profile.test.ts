import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../services/testing/events'
import { withTestNode } from '../helpers/anvil'
import { onChainNonce } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()

describe('load profile', () => {
  it('ramps through its stages, ends with the last one, and plans exactly what it sent', async () => {
    const { session } = startTestRun(testNode.node, {
      txs: 100_000,
      accounts: 5,
      mining: 'engine',
      mnemonic: freshMnemonic(),
      stages: [
        { name: 'warm-up', durationMs: 1_000, rate: 100 },
        { name: 'steady', durationMs: 1_500, rate: 100 },
        { name: 'cool-down', durationMs: 500, rate: 10 },
      ],
    })
    const stages: string[] = []
    const sentPerStage = new Map<string, number>()
    let current = 'warm-up'
    session.bus.on('event', (e: RunEvent) => {
      if (e.type === 'stage') {
        stages.push(e.name)
        current = e.name
      }
      if (e.type === 'tx' && e.state === 'signed') sentPerStage.set(current, (sentPerStage.get(current) ?? 0) + 1)
    })
    const report = await session.done
    expect(report.status).toBe('completed')
    expect(stages).toEqual(['steady', 'cool-down'])
    // About 50 + 150 + 27 txs; the plan is what the profile took, not the 100,000 cap.
    expect(report.counts.planned).toBeGreaterThan(120)
    expect(report.counts.planned).toBeLessThan(400)
    expect(report.counts.mined).toBe(report.counts.planned)
    expect(report.invariantHolds).toBe(true)
    // The steady stage sent more per second than the ramp into it.
    expect((sentPerStage.get('steady') ?? 0) / 1.5).toBeGreaterThan((sentPerStage.get('warm-up') ?? 0) / 1.0)
    let onChain = 0
    for (const a of report.accounts) onChain += await onChainNonce(testNode.node, a.address)
    expect(onChain).toBe(report.counts.planned)
  })

  it('refuses stages without a target, of mixed kinds, or outside concurrent mode', async () => {
    const { parseTestConfig } = await import('../../services/config/parse')
    expect(() => parseTestConfig({ stages: [{ durationMs: 1000 }] })).toThrow(/stages: each stage needs a target/)
    expect(() =>
      parseTestConfig({
        stages: [
          { durationMs: 1000, rate: 5 },
          { durationMs: 1000, concurrency: 5 },
        ],
      }),
    ).toThrow(/all of one kind/)
    expect(() => parseTestConfig({ mode: 'sequential', stages: [{ durationMs: 1000, rate: 5 }] })).toThrow(
      /stages: need mode "concurrent"/,
    )
  })
})
