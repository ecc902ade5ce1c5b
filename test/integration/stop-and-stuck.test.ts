import { describe, expect, it } from 'vitest'
import { createRunsRepo } from '../../services/store/runs-repo'
import type { RunEvent } from '../../services/testing/events'
import { withTestNode } from '../helpers/anvil'
import { onChainNonce } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()

/** No account may be left with a hole: what the chain has mined is all there is (nothing queued). */
async function expectNoNonceGaps(accounts: { address: string; expectedNonce: number }[]) {
  for (const a of accounts) {
    const latest = await onChainNonce(testNode.node, a.address, 'latest')
    expect(latest, `nonce of ${a.address}`).toBe(a.expectedNonce)
    expect(await onChainNonce(testNode.node, a.address, 'pending')).toBe(latest)
  }
  const pool = await testNode.node.conn.request('txpool_status')
  expect(BigInt(pool.pending) + BigInt(pool.queued)).toBe(0n)
}

describe.each(['engine', 'automine'] as const)('stopping a %s run mid-way', (mining) => {
  it('cancels the rest, records every tx once, and leaves no nonce gap', async () => {
    const { session, db } = startTestRun(testNode.node, {
      mode: 'concurrent',
      txs: 4000,
      accounts: 10,
      concurrency: 200,
      batchSize: 50,
      mining,
      mnemonic: freshMnemonic(),
    })
    let stopped = false
    session.bus.on('event', (e: RunEvent) => {
      if (!stopped && e.type === 'tx' && e.state === 'mined' && session.model.snapshot().counts.mined >= 300) {
        stopped = true
        session.control.stop()
      }
    })
    const report = await session.done
    expect(report.status).toBe('stopped')
    expect(report.counts.cancelled).toBeGreaterThan(0)
    expect(report.counts.mined).toBeGreaterThanOrEqual(300)
    expect(report.invariantHolds).toBe(true)
    const c = report.counts
    expect(c.mined + c.reverted + c.failed + c.dropped + c.cancelled).toBe(4000)

    const rows = createRunsRepo(db)
      .txs(session.id)
      .filter((r) => r.role === 'planned')
    expect(rows).toHaveLength(4000)
    expect(new Set(rows.map((r) => r.idx)).size).toBe(4000)
    expect(rows.filter((r) => r.state === 'mined')).toHaveLength(c.mined)
    expect(rows.filter((r) => r.state === 'cancelled')).toHaveLength(c.cancelled)
    await expectNoNonceGaps(report.accounts)
  })
})

describe('stranded pending transactions', () => {
  it('detects no-progress, mines a block on Anvil, and completes', async () => {
    await testNode.node.conn.request('evm_setAutomine', [false])
    const { session } = startTestRun(testNode.node, {
      txs: 50,
      accounts: 5,
      mining: 'node',
      stuckAfterMs: 1_000,
      mnemonic: freshMnemonic(),
    })
    const report = await session.done
    await testNode.node.conn.request('evm_setAutomine', [true])
    expect(report.status).toBe('completed')
    expect(report.counts.mined).toBe(50)
    const warning = report.warnings.find((w) => w.code === 'stuck-pending')
    expect(warning?.message).toMatch(/50 transactions pending and no new block.*Mining a block/)
    // Automine off and no interval: the node does not mine, which is not automine stranding txs.
    expect(report.node.ownMining).toEqual({ kind: 'none' })
    expect(warning?.hint).toMatch(/does not mine on its own/)
    expect(warning?.hint).not.toMatch(/automine/i)
    await expectNoNonceGaps(report.accounts)
  })

  it('without the remedy, reports them clearly as dropped instead of hanging', async () => {
    await testNode.node.conn.request('evm_setAutomine', [false])
    const { session } = startTestRun(testNode.node, {
      txs: 30,
      accounts: 3,
      mining: 'node',
      stuckAfterMs: 500,
      stuckRemedy: 'none',
      inclusionTimeoutMs: 2_000,
      mnemonic: freshMnemonic(),
    })
    const report = await session.done
    await testNode.node.conn.request('evm_setAutomine', [true])
    expect(report.status).toBe('completed')
    expect(report.counts).toMatchObject({ planned: 30, mined: 0, dropped: 30 })
    expect(report.invariantHolds).toBe(true)
    expect(report.warnings.some((w) => w.code === 'stuck-pending')).toBe(true)
    // Dropped means dropped: the engine took them out of Anvil's pool, so nothing mines later.
    await testNode.node.conn.request('evm_mine')
    for (const a of report.accounts) expect(await onChainNonce(testNode.node, a.address)).toBe(0)
  })
})
