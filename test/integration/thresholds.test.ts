import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LiveFrame } from '../../services/live/frames'
import { resetFromStore } from '../../services/live/from-store'
import type { RunReport } from '../../services/metrics/report'
import { createRunsRepo } from '../../services/store/runs-repo'
import { withTestNode } from '../helpers/anvil'
import { runCli } from '../helpers/cli'
import { freshMnemonic, startTestRun, tempDataDir } from '../helpers/run'

const testNode = withTestNode()

/** A run on the test node through the real CLI, with the given extra arguments. */
function cli(dir: string, ...args: string[]) {
  return runCli([
    'run',
    '--rpc-url',
    testNode.anvil.rpcUrl,
    '--accounts',
    '2',
    '--mining',
    'engine',
    '--mnemonic',
    freshMnemonic(),
    '--data-dir',
    dir,
    '-q',
    ...args,
  ])
}

describe('thresholds on real runs', () => {
  it('CLI: thresholds that hold exit 0; the summary and JUnit say so', async () => {
    const dir = tempDataDir()
    const junit = join(dir, 'junit.xml')
    const r = await cli(
      dir,
      '--txs',
      '50',
      '--threshold',
      'count.mined >= 50',
      '--threshold',
      'rate.failed < 1',
      '--junit',
      junit,
    )
    expect(r.stderr).not.toMatch(/error/i)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('thresholds: all 2 passed')
    expect(r.stdout).toContain('✓ count.mined >= 50 txs, actual 50 txs')
    const xml = readFileSync(junit, 'utf8')
    expect(xml).toContain('tests="4" failures="0" errors="0"')
    expect(xml).not.toContain('<failure')
  })

  it('CLI: a failing threshold exits 99, names it, and is a <failure> in the JUnit file', async () => {
    const dir = tempDataDir()
    const junit = join(dir, 'junit.xml')
    const config = join(dir, 'test.yaml')
    // The config's threshold and the flag's are both kept.
    writeFileSync(config, 'thresholds:\n  - count.mined >= 50\n')
    const r = await cli(
      dir,
      '--txs',
      '50',
      '--config',
      config,
      '--threshold',
      'throughput.mined > 1000000',
      '--junit',
      junit,
    )
    expect(r.code).toBe(99)
    expect(r.stdout).toMatch(/status\s+completed/)
    expect(r.stdout).toContain('thresholds: 1 of 2 FAILED')
    expect(r.stdout).toMatch(/✗ throughput\.mined > 1000000 tx\/s, actual [\d.]+ tx\/s/)
    const xml = readFileSync(junit, 'utf8')
    expect(xml).toContain('failures="1"')
    expect(xml).toMatch(
      /<testcase classname="evm-stress.thresholds" name="throughput.mined &gt; 1000000" time="0">\s*<failure message="expected throughput.mined &gt; 1000000 tx\/s, actual [\d.]+ tx\/s" type="threshold">/,
    )
    expect(xml).toContain('<testcase classname="evm-stress.thresholds" name="count.mined &gt;= 50" time="0"/>')
  })

  it('CLI: an abortOnFail threshold that fails stops the run early (exit 99, the report names it)', async () => {
    const dir = tempDataDir()
    const reportFile = join(dir, 'report.json')
    const config = join(dir, 'test.json')
    // 20000 gas is below a transfer's intrinsic 21000: the node refuses every tx.
    writeFileSync(
      config,
      JSON.stringify({
        txs: 2000,
        accounts: 2,
        rate: 100,
        gasLimit: 20000,
        thresholds: [{ metric: 'count.failed', op: '==', value: 0, abortOnFail: true, name: 'nothing refused' }],
      }),
    )
    const r = await cli(dir, '--config', config, '--report', reportFile)
    expect(r.code).toBe(99)
    expect(r.stderr).toContain('warning: Threshold "nothing refused" failed (count.failed == 0 txs, actual')
    expect(r.stdout).toContain('stopped by threshold "nothing refused"')
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport
    expect(report.status).toBe('stopped')
    // 2000 txs at 100/s would take 20 s: stopped early, most were never sent.
    expect(report.counts.cancelled).toBeGreaterThan(1000)
    expect(report.counts.failed).toBeGreaterThan(0)
    expect(report.invariantHolds).toBe(true)
    expect(report.thresholdsOk).toBe(false)
    expect(report.thresholdAbort).toMatchObject({ name: 'nothing refused', ok: false, definite: true })
    expect(report.warnings.map((w) => w.code)).toContain('threshold-abort')
  })

  it('live stats carry the verdicts about once a second; the end frame and a reload carry the final ones', async () => {
    const { session, db } = startTestRun(testNode.node, {
      txs: 400,
      accounts: 3,
      rate: 200,
      mining: 'engine',
      mnemonic: freshMnemonic(),
      thresholds: ['count.mined >= 400', 'latency.p95 < 60000'],
    })
    const frames: LiveFrame[] = []
    session.feed.subscribe((f) => frames.push(f))
    const report = await session.done
    const live = frames.flatMap((f) => (f.kind === 'stats' && f.stats.status === 'running' ? [f.stats] : []))
    expect(live.length).toBeGreaterThan(0)
    expect(live[0]?.thresholds?.map((v) => v.name)).toEqual(['count.mined >= 400', 'latency.p95 < 60000'])
    // Not yet 400 mined while running: failing so far, not definite.
    expect(live[0]?.thresholds?.[0]).toMatchObject({ ok: false, definite: false })
    const end = frames.find((f) => f.kind === 'end')
    expect(end?.kind === 'end' && end.stats.thresholds?.map((v) => v.ok)).toEqual([true, true])
    expect(report.thresholdsOk).toBe(true)
    expect(report.thresholds.map((v) => v.ok)).toEqual([true, true])
    const reset = resetFromStore(db, createRunsRepo(db).get(session.id)!)
    expect(reset.frame.stats.thresholds).toEqual(report.thresholds)
  })
})
