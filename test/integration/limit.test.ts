import { describe, expect, it } from 'vitest'
import { openNode } from '../../services/chain/node-handle'
import { limitingShare } from '../../services/metrics/limit'
import { withTestNode } from '../helpers/anvil'
import { known, onChainNonce } from '../helpers/chain'
import { startRpcProxy } from '../helpers/rpc-proxy'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()

/**
 * The report says what held the run back, from where its send loop waited: each case makes one
 * cause dominate by construction (a slow node, a low target rate, one tx at a time).
 */
describe('limited by: the report names what held the throughput back', () => {
  it('a node that answers 150 ms late, 30 txs in flight: the node', async () => {
    const proxy = await startRpcProxy(testNode.anvil.rpcUrl, { delayMs: 150 })
    const node = await openNode({ rpcUrl: proxy.url })
    try {
      const { session } = startTestRun(node, {
        txs: 150,
        accounts: 30,
        concurrency: 30,
        mining: 'automine',
        mnemonic: freshMnemonic(),
      })
      const report = await session.done
      expect(report.counts.mined).toBe(150)
      const limit = report.limit
      expect(limit?.by).toBe('node')
      expect(limit?.pace.waitedOnNodeMs).toBeGreaterThanOrEqual(limitingShare * (limit?.pace.sendingMs ?? 0))
      expect(limit?.because).toMatch(/with up to 30 txs in flight/)
    } finally {
      await node.close()
      await proxy.close()
    }
  })

  it('--rate 40 on a node that keeps up: the target rate', async () => {
    const { session } = startTestRun(testNode.node, {
      txs: 120,
      accounts: 10,
      rate: 40,
      mining: 'automine',
      mnemonic: freshMnemonic(),
    })
    const report = await session.done
    expect(report.counts.mined).toBe(120)
    expect(report.limit?.by).toBe('rate')
    expect(report.limit?.because).toMatch(/^40 tx\/s; the send loop waited for its next token/)
  })

  it('sequential mode, 500 txs: one tx at a time waits on the node', async () => {
    const { session } = startTestRun(testNode.node, {
      txs: 500,
      accounts: 1,
      mode: 'sequential',
      mining: 'automine',
      mnemonic: freshMnemonic(),
    })
    const report = await session.done
    const sender = known(report.accounts[0], 'the one sender')
    expect(await onChainNonce(testNode.node, sender.address)).toBe(500)
    expect(report.limit?.by).toBe('node')
    expect(report.limit?.because).toMatch(/^one tx at a time/)
  })
})
