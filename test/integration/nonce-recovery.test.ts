import { describe, expect, it } from 'vitest'
import { createRunsRepo } from '../../services/store/runs-repo'
import type { PlannedTx } from '../../services/testing/tx'
import { withTestNode } from '../helpers/anvil'
import { onChainNonce } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()

/** Transfers where some txs carry a gas limit below the intrinsic 21000: the node refuses them. */
function* planWithRefusals(total: number, refused: Set<number>): Generator<PlannedTx> {
  for (let idx = 0; idx < total; idx++)
    yield { idx, value: 1n, label: 'transfer', ...(refused.has(idx) ? { gas: 20_000n } : {}) }
}

describe('a refused tx does not leave its account stuck behind a nonce gap', () => {
  it.each(['engine', 'automine'] as const)('%s: later txs are mined, the hole is reused or filled', async (mining) => {
    const refused = new Set([10, 25, 49])
    const { session, db } = startTestRun(
      testNode.node,
      {
        txs: 50,
        accounts: 1,
        concurrency: 50,
        batchSize: 50,
        mining,
        mnemonic: freshMnemonic(),
      },
      { plan: planWithRefusals(50, refused) },
    )
    const report = await session.done
    expect(report.counts).toMatchObject({ planned: 50, mined: 47, failed: 3, dropped: 0 })
    expect(report.invariantHolds).toBe(true)
    const group = report.errors.find((g) => g.kind === 'intrinsic-gas-too-low')
    expect(group?.count).toBe(3)
    expect(group?.hint).toMatch(/Raise gasLimit/)

    const [account] = report.accounts
    if (!account) throw new Error('no account in report')
    const latest = await onChainNonce(testNode.node, account.address, 'latest')
    expect(await onChainNonce(testNode.node, account.address, 'pending')).toBe(latest)
    // All 47 good txs and any gap fillers are on chain, nothing else.
    expect(latest).toBe(account.expectedNonce)
    expect(latest).toBe(47 + report.gapFills)
    // Engine mode sends nonces 0–49 in one batch: the holes at 10 and 25 need fillers (49 is the
    // top and simply goes back). One-at-a-time sending reuses each refused nonce at once.
    expect(report.gapFills).toBe(mining === 'engine' ? 2 : 0)
    const rows = createRunsRepo(db).txs(session.id)
    const failed = rows.filter((r) => r.state === 'failed')
    expect(failed.map((r) => r.idx).sort((a, b) => a - b)).toEqual([10, 25, 49])
    expect(failed.every((r) => r.error_kind === 'intrinsic-gas-too-low')).toBe(true)
  })
})
