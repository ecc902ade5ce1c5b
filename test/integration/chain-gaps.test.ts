import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type Anvil, createAnvil } from '../../services/chain/anvil'
import { openNode } from '../../services/chain/node-handle'
import { createRunsRepo } from '../../services/store/runs-repo'
import { expectReportEqualsChain, receiptOf } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function withAnvil<T>(args: string[], fn: (anvil: Anvil) => Promise<T>): Promise<T> {
  const anvil = await createAnvil({ extraArgs: args })
  await anvil.start()
  try {
    return await fn(anvil)
  } finally {
    await anvil.stop()
  }
}

/** Every mined row's receipt is on the chain with status 1 (a sample: reading all would be slow). */
async function expectMinedRowsOnChain(
  node: Awaited<ReturnType<typeof openNode>>,
  rows: { state: string; hash: string | null }[],
) {
  const mined = rows.filter((r) => r.state === 'mined')
  const step = Math.max(1, Math.floor(mined.length / 300))
  for (let i = 0; i < mined.length; i += step)
    expect((await receiptOf(node, mined[i]?.hash as string))?.status, `receipt of ${mined[i]?.hash}`).toBe('0x1')
}

describe('the chain goes back under a run (a reorg): the run goes on and ends equal to the chain', () => {
  it.each([
    ['anvil_rollback', 'engine'],
    ['anvil_reorg', 'engine'],
    ['evm_revert', 'automine'],
  ] as const)('%s mid-run (%s mining)', async (how, mining) => {
    await withAnvil([], async (anvil) => {
      const node = await openNode({ rpcUrl: anvil.rpcUrl })
      try {
        const { session, db } = startTestRun(node, {
          txs: 2000,
          accounts: mining === 'automine' ? 40 : 10,
          rate: 400,
          mining,
          mnemonic: freshMnemonic(),
        })
        const counts = () => session.metrics.snapshot().counts
        let lastOurBlock = 0n
        session.bus.on('event', (e) => {
          if (e.type === 'tx' && e.state === 'mined' && e.blockNumber !== undefined && e.blockNumber > lastOurBlock)
            lastOurBlock = e.blockNumber
        })
        while (counts().mined < 300) await sleep(20)
        const snapshot = how === 'evm_revert' ? await node.conn.request('evm_snapshot') : undefined
        const height = async () => BigInt((await node.conn.request('eth_blockNumber')) as string)
        const start = await height()
        while (counts().mined < 700 || (await height()) < start + 3n) await sleep(20)
        // Paused with nothing in flight, so the node is not mining while its chain goes back (Anvil
        // 1.7.1 can lose blocks when a revert races its own mining).
        session.pause()
        while (counts().signed + counts().submitted > 0) await sleep(20)
        // The blocks that leave the chain hold txs the run has already counted as mined.
        // Back to below the newest block holding our txs (blocks mined while pausing may be empty).
        const depth = Number((await height()) - lastOurBlock) + 1
        // anvil_reorg replaces the blocks with as many new ones (holding none of our txs).
        if (how === 'anvil_rollback') await node.conn.request('anvil_rollback', [depth])
        else if (how === 'anvil_reorg') await node.conn.request('anvil_reorg', [depth, []])
        else await node.conn.request('evm_revert', [snapshot])
        const minedBefore = counts().mined
        while (counts().mined >= minedBefore) await sleep(20)
        session.resume()
        const report = await session.done
        expect(report.status).toBe('completed')
        const reorg = report.warnings.find((w) => w.code === 'reorg')
        expect(reorg?.message).toMatch(
          /chain went back from block \d+: it agrees with the blocks we read up to block \d+/,
        )
        expect(report.warnings.some((w) => w.code === 'chain-reset')).toBe(false)
        expect(report.counts.mined).toBe(2000)
        await expectReportEqualsChain(node, report)
        await expectMinedRowsOnChain(node, createRunsRepo(db).txs(session.id))
      } finally {
        await node.close()
      }
    })
  })
})

describe('a node restarted from its state file mid-run', () => {
  it('20,000 txs, SIGTERM, restart with --state: the report equals the chain, no tx left "not mined"', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'evm-stress-state-')), 'state.json')
    const first = await createAnvil({ extraArgs: ['--state', state] })
    await first.start()
    let second: Anvil | undefined
    const node = await openNode({ rpcUrl: first.rpcUrl, timeoutMs: 2_000 })
    try {
      const { session, db } = startTestRun(node, {
        txs: 20_000,
        accounts: 50,
        rate: 1_000,
        mining: 'engine',
        nodeDownAfterMs: 500,
        requestTimeoutMs: 2_000,
        retries: 6,
        mnemonic: freshMnemonic(),
      })
      while (session.metrics.snapshot().counts.mined < 4_000) await sleep(20)
      await first.stop()
      await sleep(3_000)
      second = await createAnvil({ port: first.port, extraArgs: ['--state', state] })
      await second.start()
      const report = await session.done
      expect(report.status).toBe('completed')
      // Nothing waited out the inclusion timeout: every tx's fate came from the chain.
      expect(report.counts.dropped).toBe(0)
      expect(report.counts.mined + report.counts.unconfirmed).toBe(20_000)
      await expectReportEqualsChain(node, report)
      const rows = createRunsRepo(db).txs(session.id)
      await expectMinedRowsOnChain(node, rows)
      // A tx the node lost is named as such, with the reason in its error group.
      if (report.counts.unconfirmed)
        expect(report.errors.find((g) => g.kind === 'record-lost')?.count).toBe(report.counts.unconfirmed)
    } finally {
      await node.close()
      await second?.stop()
      await first.stop()
    }
  })
})
