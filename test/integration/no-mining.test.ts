import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodeNotMiningCode } from '../../services/chain/mining-advice'
import { readNodeMining } from '../../services/chain/node-mining'
import { parseTestConfig } from '../../services/config/parse'
import type { RunReport } from '../../services/metrics/report'
import { previewRun } from '../../services/runs/preview'
import { createAddressBook } from '../../services/runs/preview-senders'
import { createRunsRepo } from '../../services/store/runs-repo'
import type { RunEvent } from '../../services/testing/events'
import { withTestNode } from '../helpers/anvil'
import { expectNoNonceGap, known, receiptOf } from '../helpers/chain'
import { runCli } from '../helpers/cli'
import { freshMnemonic, startTestRun, tempDataDir } from '../helpers/run'

// The case: an Anvil started with --no-mining, brought by the user (not embedded).
const testNode = withTestNode(['--no-mining'])
const none = { kind: 'none' }

/** Every warning's words: none may blame automine, which this node does not do. */
const warningText = (r: RunReport) => r.warnings.map((w) => `${w.message} ${w.hint ?? ''}`)

describe('a node that does not mine (anvil --no-mining)', () => {
  it('reads as mining mode none, and the preview says a run left to it will not be mined', async () => {
    expect(testNode.node.info.ownMining).toEqual(none)
    expect(await readNodeMining(testNode.node.conn)).toEqual(none)
    const preview = await previewRun({
      config: parseTestConfig({ txs: 100, mnemonic: freshMnemonic() }),
      node: { conn: testNode.node.conn, embedded: false },
      dataDir: tempDataDir(),
      book: createAddressBook(),
    })
    expect(preview.node).toMatchObject({ ownMining: none, mining: 'node' })
    const warning = preview.warnings.find((w) => w.code === nodeNotMiningCode)
    expect(warning?.message).toMatch(/does not mine on its own.*--mining engine.*--mining interval/)
  })

  it('a run left to it gets the warning before any tx, and no warning blames automine', async () => {
    const { session, db } = startTestRun(testNode.node, {
      txs: 20,
      accounts: 2,
      stuckAfterMs: 1_000,
      mnemonic: freshMnemonic(),
    })
    const events: RunEvent[] = []
    session.bus.on('event', (e) => events.push(e))
    const report = await session.done

    const first = events.findIndex((e) => e.type === 'warning' && e.code === nodeNotMiningCode)
    expect(first).toBeGreaterThanOrEqual(0)
    expect(events.slice(0, first).some((e) => e.type === 'tx')).toBe(false)
    const warning = report.warnings.find((w) => w.code === nodeNotMiningCode)
    expect(warning?.message).toMatch(/does not mine on its own/)
    expect(warning?.hint).toMatch(/--mining engine.*--mining interval/)
    expect(report.node).toMatchObject({ mining: 'node', ownMining: none })
    // The only blocks came from the stuck-pending watchdog, and it names the real cause.
    const stuck = report.warnings.filter((w) => w.code === 'stuck-pending')
    expect(stuck.length).toBeGreaterThan(0)
    for (const w of stuck) expect(w.hint).toMatch(/does not mine on its own/)
    for (const text of warningText(report)) expect(text).not.toMatch(/automine/i)
    // It still ends with every tx accounted for, as the chain says.
    expect(report.counts).toMatchObject({ planned: 20, mined: 20 })
    await expectNoNonceGap(testNode.node, report.accounts)
    expect(
      createRunsRepo(db)
        .txs(session.id)
        .filter((t) => t.state === 'mined'),
    ).toHaveLength(20)
  })

  it('the same node with mining "engine" mines every tx, per the chain, and is left not mining', async () => {
    const { session, db } = startTestRun(testNode.node, {
      txs: 600,
      accounts: 6,
      mining: 'engine',
      mnemonic: freshMnemonic(),
    })
    const report = await session.done
    expect(report.status).toBe('completed')
    expect(report.node).toMatchObject({ mining: 'engine', ownMining: none })
    expect(report.warnings.map((w) => w.code)).not.toContain(nodeNotMiningCode)
    expect(report.counts).toMatchObject({ planned: 600, mined: 600, failed: 0, dropped: 0 })
    const rows = createRunsRepo(db).txs(session.id)
    expect(rows).toHaveLength(600)
    for (const r of rows)
      expect((await receiptOf(testNode.node, known(r.hash, `hash of tx ${r.idx}`)))?.status).toBe('0x1')
    await expectNoNonceGap(testNode.node, report.accounts)
    expect(await readNodeMining(testNode.node.conn)).toEqual(none)
  })

  it('the CLI says it at the start, and a run with the suggested --mining engine completes', async () => {
    const dir = tempDataDir()
    const common = ['run', '--rpc-url', testNode.anvil.rpcUrl, '--accounts', '2', '--data-dir', dir, '-q']
    const left = await runCli([...common, '--txs', '10', '--stuck-after-ms', '1000'])
    expect(left.code).toBe(0)
    const lines = left.stderr.split('\n').filter(Boolean)
    expect(lines[0]).toMatch(/mining: node \(node's own: none\)/)
    expect(lines[1]).toMatch(/^warning: The node does not mine on its own/)
    expect(lines[2]).toMatch(/--mining engine/)
    expect(left.stdout).toMatch(/mining: node, node's own: none/)
    expect(left.stdout).not.toMatch(/automine/i)

    const reportFile = join(dir, 'engine.json')
    const taken = await runCli([...common, '--txs', '200', '--mining', 'engine', '--report', reportFile])
    expect(taken.code).toBe(0)
    expect(taken.stderr).not.toMatch(/warning/)
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport
    expect(report.counts).toMatchObject({ planned: 200, mined: 200 })
    await expectNoNonceGap(testNode.node, report.accounts)
  })
})
