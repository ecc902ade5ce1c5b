import { describe, expect, it } from 'vitest'
import { createAnvil } from '../../services/chain/anvil'
import { openNode } from '../../services/chain/node-handle'
import type { RunEvent } from '../../services/testing/events'
import { withTestNode } from '../helpers/anvil'
import { expectNoNonceGap, onChainNonce } from '../helpers/chain'
import { startRpcProxy } from '../helpers/rpc-proxy'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('the node goes away', () => {
  it('unreachable for 5 s: the run waits for the node, then finishes with nothing lost or doubled', async () => {
    const proxy = await startRpcProxy(testNode.anvil.rpcUrl)
    const node = await openNode({ rpcUrl: proxy.url, timeoutMs: 2_000 })
    try {
      const { session } = startTestRun(node, {
        txs: 1000,
        accounts: 10,
        rate: 300,
        mining: 'engine',
        nodeDownAfterMs: 1_000,
        requestTimeoutMs: 2_000,
        retries: 6,
        mnemonic: freshMnemonic(),
      })
      const statuses: string[] = []
      session.bus.on('event', (e: RunEvent) => {
        if (e.type === 'status') statuses.push(e.status)
      })
      while (session.model.snapshot().counts.mined < 200) await sleep(20)
      proxy.rules.down = true
      proxy.cutAll()
      // Longer than the reads' own retries (about 1.5 s), so the outage is noticed.
      await sleep(5_000)
      proxy.rules.down = false
      const report = await session.done
      expect(statuses).toContain('waiting-for-node')
      // After the outage the run is back where it was (still sending, or draining what it sent).
      const back = statuses[statuses.lastIndexOf('waiting-for-node') + 1]
      expect(['running', 'draining']).toContain(back)
      expect(report.warnings.some((w) => w.code === 'node-unreachable')).toBe(true)
      expect(report.status).toBe('completed')
      expect(report.counts.mined).toBe(1000)
      expect(report.invariantHolds).toBe(true)
      await expectNoNonceGap(testNode.node, report.accounts)
    } finally {
      await node.close()
      await proxy.close()
    }
  })

  // Anvil's genesis block hashes its timestamp (whole seconds): a fresh Anvil started within the
  // same second as the one it replaces has the very same block 0. Both cases are pinned here with
  // --timestamp, so neither depends on when the restart happens.
  const genesis = Math.floor(Date.now() / 1000) - 3_600
  for (const [name, again] of [
    ['another genesis', genesis + 60],
    ['the same genesis (restarted within the same second)', genesis],
  ] as const)
    it(`Anvil killed and restarted with a fresh chain, ${name}: the reset is reported, no old tx is counted as mined`, async () => {
      const anvil = await createAnvil({ extraArgs: ['--timestamp', String(genesis)] })
      await anvil.start()
      const node = await openNode({ rpcUrl: anvil.rpcUrl, timeoutMs: 2_000 })
      let restarted: Awaited<ReturnType<typeof createAnvil>> | undefined
      try {
        const { session } = startTestRun(node, {
          txs: 3000,
          accounts: 10,
          rate: 500,
          mining: 'engine',
          nodeDownAfterMs: 500,
          requestTimeoutMs: 2_000,
          mnemonic: freshMnemonic(),
        })
        while (session.model.snapshot().counts.mined < 300) await sleep(20)
        await anvil.stop()
        restarted = await createAnvil({ port: anvil.port, extraArgs: ['--timestamp', String(again)] })
        await restarted.start()
        const report = await session.done
        expect(report.status).toBe('failed')
        expect(report.error?.code).toBe('CHAIN_RESET')
        expect(report.warnings.find((w) => w.code === 'chain-reset')?.message).toMatch(/chain changed mid-run/)
        expect(report.invariantHolds).toBe(true)
        expect(report.counts.mined).toBeGreaterThanOrEqual(300)
        expect(report.counts.mined).toBeLessThan(3000)
        expect(report.counts.cancelled).toBeGreaterThan(0)
        // The new chain has none of the old txs, and no account is left with queued ones.
        const fresh = await openNode({ rpcUrl: restarted.rpcUrl })
        for (const a of report.accounts) {
          expect(await onChainNonce(fresh, a.address)).toBe(0)
          expect(await onChainNonce(fresh, a.address, 'pending')).toBe(0)
        }
        await fresh.close()
      } finally {
        await node.close()
        await restarted?.stop()
        await anvil.stop()
      }
    })
})
