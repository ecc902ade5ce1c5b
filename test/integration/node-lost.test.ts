import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exitCodes } from '../../cli/exit-codes'
import { createAnvil } from '../../services/chain/anvil'
import type { RunReport } from '../../services/metrics/report'
import { blockNumberAt } from '../helpers/chain'
import { startCli } from '../helpers/cli'
import { tempDataDir } from '../helpers/run'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A CLI run against its own Anvil, which is killed for good once the run has mined a few blocks. */
async function runAndKillNode(extra: string[], afterKill: (child: ReturnType<typeof startCli>['child']) => void) {
  const anvil = await createAnvil()
  await anvil.start()
  const dir = tempDataDir()
  const reportFile = join(dir, 'report.json')
  const { child, result } = startCli([
    'run',
    '--rpc-url',
    anvil.rpcUrl,
    '--txs',
    '20000',
    '--accounts',
    '10',
    '--rate',
    '300',
    '--mining',
    'engine',
    // Longer than nodeDownAfterMs (5 s by default), as the config requires.
    '--node-lost-after-ms',
    '8000',
    '--data-dir',
    dir,
    '--report',
    reportFile,
    '-q',
    ...extra,
  ])
  let exited = false
  void result.then(() => {
    exited = true
  })
  const start = await blockNumberAt(anvil.rpcUrl)
  while (!exited && (await blockNumberAt(anvil.rpcUrl)) < start + 5n) await sleep(50)
  if (anvil.pid) process.kill(anvil.pid, 'SIGKILL')
  afterKill(child)
  const out = await result
  await anvil.stop()
  return { out, report: JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport }
}

describe('a node that is gone for good', () => {
  it('the run ends failed with NODE_LOST after nodeLostAfterMs: exit 3, a report, every tx accounted for', async () => {
    const { out, report } = await runAndKillNode([], () => {})
    expect(out.code).toBe(exitCodes.couldNotRun)
    expect(report.status).toBe('failed')
    expect(report.error?.code).toBe('NODE_LOST')
    expect(report.invariantHolds).toBe(true)
    expect(report.counts.mined).toBeGreaterThan(0)
    // What was never sent is cancelled; what was sent and never seen again is unconfirmed, not "dropped".
    expect(report.counts.cancelled).toBeGreaterThan(0)
    expect(report.counts.dropped).toBe(0)
    if (report.counts.unconfirmed)
      expect(report.errors.find((g) => g.kind === 'node-lost')?.count).toBe(report.counts.unconfirmed)
    expect(report.warnings.some((w) => w.code === 'node-lost')).toBe(true)
    expect(out.stdout).toMatch(/NODE_LOST|node was lost/i)
  })

  it('a stop (SIGTERM) while the node is down ends the run too, with its report', async () => {
    const { out, report } = await runAndKillNode([], (child) => {
      void sleep(500).then(() => child.kill('SIGTERM'))
    })
    expect([exitCodes.couldNotRun, exitCodes.stopped]).toContain(out.code)
    expect(report.invariantHolds).toBe(true)
    expect(report.counts.dropped).toBe(0)
    expect(['failed', 'stopped']).toContain(report.status)
  })
})
