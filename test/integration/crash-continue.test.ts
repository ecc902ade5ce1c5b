import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../services/runs/registry'
import { withTestNode } from '../helpers/anvil'
import { expectNoNonceGap, onChainNonce } from '../helpers/chain'
import { crashMidRun } from '../helpers/crash'
import { tempDataDir } from '../helpers/run'

const testNode = withTestNode()

const crash = (dataDir: string) => crashMidRun(testNode.anvil.rpcUrl, dataDir)

describe('a crash mid-run', () => {
  it('the run comes back interrupted and can be continued: every tx once, no nonce gap', async () => {
    const dataDir = tempDataDir()
    const id = await crash(dataDir)
    const registry = createRegistry({ dataDir, rpcUrl: testNode.anvil.rpcUrl })
    try {
      registry.init()
      expect(registry.getRun(id).status).toBe('interrupted')
      const { id: next } = await registry.continueRun(id)
      const report = await registry.waitForRun(next)
      const old = registry.getRun(id)
      expect(old.status).toBe('stopped')
      // The interrupted run: every planned tx settled; what it never sent went to the continuation.
      const oldCounts = old.counts
      expect(oldCounts.planned).toBe(3000)
      expect(oldCounts.mined + oldCounts.reverted + oldCounts.failed + oldCounts.dropped + oldCounts.cancelled).toBe(
        3000,
      )
      expect(report?.status).toBe('completed')
      expect(report?.counts.planned).toBe(oldCounts.cancelled)
      expect(report?.counts.mined).toBe(report?.counts.planned)
      // The chain agrees: mined across both runs is exactly what the accounts' nonces say.
      const accounts = report?.accounts ?? []
      await expectNoNonceGap(testNode.node, accounts)
      let onChain = 0
      for (const a of accounts) onChain += await onChainNonce(testNode.node, a.address)
      expect(onChain).toBe(oldCounts.mined + (report?.counts.mined ?? 0) + (report?.gapFills ?? 0))
      await expect(registry.continueRun(id)).rejects.toThrow(/not interrupted/)
    } finally {
      await registry.close()
    }
  })

  it('or closed: settled from the chain without sending the rest', async () => {
    const dataDir = tempDataDir()
    const id = await crash(dataDir)
    const registry = createRegistry({ dataDir, rpcUrl: testNode.anvil.rpcUrl })
    try {
      registry.init()
      const closed = await registry.closeRun(id)
      const c = closed.counts
      expect(c.mined + c.reverted + c.failed + c.dropped + c.cancelled).toBe(c.planned)
      expect(c.cancelled).toBeGreaterThan(0)
      expect(c.signed + c.submitted).toBe(0)
    } finally {
      await registry.close()
    }
  })
})
