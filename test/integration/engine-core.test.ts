import { describe, expect, it } from 'vitest'
import { createRunsRepo } from '../../services/store/runs-repo'
import { withTestNode } from '../helpers/anvil'
import { expectReportEqualsChain, known, onChainNonce, receiptOf } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()

/** Checks the run against the chain: every stored tx hash has the receipt its state claims. */
async function expectChainAgrees(runId: string, db: Parameters<typeof createRunsRepo>[0]) {
  const rows = createRunsRepo(db)
    .txs(runId)
    .filter((r) => r.role === 'planned')
  const mined = rows.filter((r) => r.state === 'mined')
  const receipts = await Promise.all(mined.map((r) => receiptOf(testNode.node, known(r.hash, `hash of tx ${r.idx}`))))
  for (const [i, receipt] of receipts.entries()) {
    expect(receipt, `receipt of ${mined[i]?.hash}`).not.toBeNull()
    expect(receipt?.status).toBe('0x1')
    expect(receipt?.from.toLowerCase()).toBe(mined[i]?.account.toLowerCase())
  }
  return rows
}

describe('engine core on a real Anvil', () => {
  it('signWorkers: 2,000 txs signed in two worker threads, all mined, the chain agrees', async () => {
    const { session, db } = startTestRun(testNode.node, {
      txs: 2000,
      accounts: 20,
      signWorkers: 2,
      mining: 'engine',
      mnemonic: freshMnemonic(),
    })
    const report = await session.done
    expect(report.status).toBe('completed')
    expect(report.counts.mined).toBe(2000)
    // Every tx signed in the workers (a resend reuses the signed bytes; a re-priced one is signed again).
    expect(report.signing).toMatchObject({ backend: 'libsecp256k1', workers: 2 })
    expect(report.signing?.signedInWorkers).toBeGreaterThanOrEqual(2000)
    await expectReportEqualsChain(testNode.node, report)
    expect(await expectChainAgrees(session.id, db)).toHaveLength(2000)
  })

  it('sends 300 txs sequentially: all mined, nonces on chain match, report equals receipts', async () => {
    const { session, db } = startTestRun(testNode.node, {
      mode: 'sequential',
      txs: 300,
      accounts: 3,
      mining: 'automine',
    })
    const report = await session.done
    expect(report.status).toBe('completed')
    expect(report.counts.mined).toBe(300)
    expect(report.invariantHolds).toBe(true)
    const rows = await expectChainAgrees(session.id, db)
    expect(rows).toHaveLength(300)
    for (const acc of report.accounts) {
      expect(await onChainNonce(testNode.node, acc.address)).toBe(acc.expectedNonce)
      expect(acc.sent).toBe(100)
    }
  })

  it('sends 1,000 txs concurrently from 20 accounts with engine-driven mining', async () => {
    const { session, db } = startTestRun(testNode.node, {
      mode: 'concurrent',
      txs: 1000,
      accounts: 20,
      concurrency: 400,
      mining: 'engine',
      mnemonic: freshMnemonic(),
    })
    const report = await session.done
    expect(report.status).toBe('completed')
    expect(report.counts).toMatchObject({ planned: 1000, mined: 1000, failed: 0, dropped: 0, cancelled: 0 })
    const rows = await expectChainAgrees(session.id, db)
    expect(rows.filter((r) => r.state === 'mined')).toHaveLength(1000)
    expect(report.accounts).toHaveLength(20)
    for (const acc of report.accounts) {
      expect(await onChainNonce(testNode.node, acc.address)).toBe(acc.expectedNonce)
      expect(await onChainNonce(testNode.node, acc.address, 'pending')).toBe(acc.expectedNonce)
    }
    expect(report.accounts.reduce((s, a) => s + a.sent, 0)).toBe(1000)
  })

  // A window smaller than a batch once deadlocked: txs signed ahead counted as in flight.
  it.each([
    [1, 'engine'],
    [20, 'engine'],
    [7, 'automine'],
  ] as const)('a window of %i (smaller than a batch) with %s mining sends everything', async (concurrency, mining) => {
    const { session, db } = startTestRun(testNode.node, {
      mode: 'concurrent',
      txs: 100,
      accounts: 5,
      concurrency,
      mining,
      mnemonic: freshMnemonic(),
    })
    const report = await session.done
    expect(report.counts).toMatchObject({ planned: 100, mined: 100 })
    await expectChainAgrees(session.id, db)
    for (const acc of report.accounts) expect(await onChainNonce(testNode.node, acc.address)).toBe(acc.expectedNonce)
  })

  it('multi-user: each simulated user sends its share from its own account', async () => {
    const { session, db } = startTestRun(testNode.node, {
      mode: 'multi-user',
      txs: 60,
      accounts: 6,
      delayMs: 20,
      mnemonic: freshMnemonic(),
    })
    const report = await session.done
    expect(report.counts).toMatchObject({ planned: 60, mined: 60 })
    await expectChainAgrees(session.id, db)
    for (const acc of report.accounts) {
      expect(acc.sent).toBe(10)
      expect(await onChainNonce(testNode.node, acc.address)).toBe(acc.expectedNonce)
    }
  })

  it('interval mining: txs wait for the next block and latency shows it', async () => {
    const { session } = startTestRun(testNode.node, {
      mode: 'concurrent',
      txs: 40,
      accounts: 4,
      mining: 'interval',
      blockTime: 1,
      mnemonic: freshMnemonic(),
    })
    const report = await session.done
    await testNode.node.conn.request('evm_setIntervalMining', [0])
    await testNode.node.conn.request('evm_setAutomine', [true])
    expect(report.counts.mined).toBe(40)
    expect(report.node.mining).toBe('interval')
    // With blocks a second apart, some tx must have waited for a block.
    expect(report.latencyMs.p99).toBeGreaterThan(100)
    for (const acc of report.accounts) expect(await onChainNonce(testNode.node, acc.address)).toBe(acc.expectedNonce)
  })
})
