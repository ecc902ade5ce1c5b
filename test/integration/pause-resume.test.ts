import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../services/testing/events'
import { withTestNode } from '../helpers/anvil'
import { expectNoNonceGap } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('pause and resume', () => {
  it.each(['engine', 'automine'] as const)(
    '%s: ten cycles send nothing new while paused and lose nothing',
    async (mining) => {
      const { session } = startTestRun(testNode.node, {
        // Sending lasts ~8 s: far longer than ten cycles, so every pause finds the run still sending.
        txs: 2000,
        accounts: 10,
        rate: 250,
        mining,
        mnemonic: freshMnemonic(),
      })
      let pausedAt: number | null = null
      let sentAfterPausing = 0
      const statuses: string[] = []
      const saidPaused: (() => void)[] = []
      session.bus.on('event', (e: RunEvent) => {
        if (e.type === 'status') {
          statuses.push(e.status)
          pausedAt = e.status === 'paused' ? e.at : null
          if (e.status === 'paused') saidPaused.shift()?.()
        }
        if (e.type !== 'tx' || e.prev !== 'signed' || e.submittedAt === undefined) return
        // The engine said "paused": no send may have started since.
        if (pausedAt !== null && e.submittedAt > pausedAt) sentAfterPausing++
      })
      while (session.model.snapshot().status !== 'running') await sleep(10)
      let cycles = 0
      while (cycles < 10) {
        await sleep(60)
        const said = new Promise<void>((resolve) => saidPaused.push(resolve))
        if (!session.pause()) break
        // The request is answered once the engine has acted: wait for the answer, not a time.
        await said
        await sleep(120)
        expect(session.resume()).toBe(true)
        cycles++
      }
      const report = await session.done
      expect(cycles).toBe(10)
      expect(sentAfterPausing).toBe(0)
      expect(statuses.filter((s) => s === 'paused')).toHaveLength(10)
      expect(report.status).toBe('completed')
      expect(report.counts.mined).toBe(2000)
      expect(report.invariantHolds).toBe(true)
      await expectNoNonceGap(testNode.node, report.accounts)
    },
  )

  it('pause is refused unless running; resume unless paused', async () => {
    const { session } = startTestRun(testNode.node, { txs: 20, accounts: 2, mnemonic: freshMnemonic() })
    expect(session.resume()).toBe(false)
    await session.done
    expect(session.pause()).toBe(false)
  })
})
