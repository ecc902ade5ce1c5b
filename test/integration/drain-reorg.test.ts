import { describe, expect, it } from 'vitest'
import { openNode } from '../../services/chain/node-handle'
import { withTestNode } from '../helpers/anvil'
import { expectReportEqualsChain } from '../helpers/chain'
import { startRpcProxy } from '../helpers/rpc-proxy'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()

describe('a reorg as the run drains', () => {
  it('txs whose block leaves the chain after the last one was mined are sent again and mined, not dropped', async () => {
    // The engine talks through the proxy; the test changes the chain directly while the proxy
    // holds the engine's next read back, so the drain's first look is after the reorg.
    const proxy = await startRpcProxy(testNode.anvil.rpcUrl)
    const node = await openNode({ rpcUrl: proxy.url })
    try {
      const { session } = startTestRun(node, {
        txs: 500,
        accounts: 5,
        concurrency: 100,
        mining: 'engine',
        mnemonic: freshMnemonic(),
      })
      let lastOurBlock = 0n
      let mined = 0
      let reorged: Promise<unknown> | undefined
      session.bus.on('event', (e) => {
        if (e.type !== 'tx' || e.state !== 'mined' || e.role !== 'planned' || e.blockNumber === undefined) return
        if (e.blockNumber > lastOurBlock) lastOurBlock = e.blockNumber
        // The last tx is mined: the drain has nothing open and is about to settle.
        if (++mined < 500 || reorged) return
        proxy.rules.delayMs = 1_000
        reorged = (async () => {
          const head = BigInt(await testNode.node.conn.request('eth_blockNumber'))
          await testNode.node.conn.request('anvil_reorg', [Number(head - lastOurBlock) + 1, []])
        })().finally(() => {
          proxy.rules.delayMs = 0
        })
      })
      const report = await session.done
      await reorged
      expect(report.warnings.map((w) => w.code)).toContain('reorg')
      expect(report.status).toBe('completed')
      expect(report.counts.mined).toBe(500)
      await expectReportEqualsChain(testNode.node, report)
    } finally {
      await node.close()
      await proxy.close()
    }
  })
})
