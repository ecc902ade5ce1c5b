import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ProgressRecord } from '../../cli/progress-json'
import { deriveAccounts } from '../../services/accounts/derive'
import type { RunReport } from '../../services/metrics/report'
import { withTestNode } from '../helpers/anvil'
import { expectNoNonceGap, onChainNonce } from '../helpers/chain'
import { runCli, runCliReporting, startCli } from '../helpers/cli'
import { startRpcProxy } from '../helpers/rpc-proxy'
import { freshMnemonic, tempDataDir } from '../helpers/run'

const testNode = withTestNode()

describe('evm-stress run', () => {
  it('runs against a given node, prints a summary and writes a report that matches the chain', async () => {
    const r = await runCliReporting([
      '--rpc-url',
      testNode.anvil.rpcUrl,
      '--txs',
      '250',
      '--accounts',
      '5',
      '--mining',
      'engine',
    ])
    const { dir } = r
    expect(r.stderr).not.toMatch(/error/i)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/status\s+completed/)
    const report = r.report()
    expect(report.counts).toMatchObject({ planned: 250, mined: 250, reverted: 0, failed: 0, dropped: 0, cancelled: 0 })
    for (const key of ['status', 'counts', 'durationMs', 'throughput', 'latencyMs', 'accounts', 'errors'])
      expect(report).toHaveProperty(key)
    expect(report.latencyMs.p50).toBeTypeOf('number')
    expect(report.accounts).toHaveLength(5)
    for (const a of report.accounts) expect(await onChainNonce(testNode.node, a.address)).toBe(a.expectedNonce)
    // The install's mnemonic is in the data dir; it never reaches the report or the output.
    const mnemonic = readFileSync(join(dir, 'mnemonic.txt'), 'utf8').trim()
    const keys = deriveAccounts(mnemonic, 5).map((a) => a.privateKey.slice(2))
    const database = ['evm-stress.sqlite', 'evm-stress.sqlite-wal']
      .filter((f) => existsSync(join(dir, f)))
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('')
    expect(database.toLowerCase()).toContain(report.accounts[0]?.address.slice(2).toLowerCase() ?? 'no account')
    for (const text of [JSON.stringify(report), r.stdout + r.stderr, database]) {
      expect(text).not.toContain(mnemonic.split(' ').slice(0, 3).join(' '))
      for (const key of keys) expect(text.toLowerCase()).not.toContain(key)
    }
    expect(statSync(join(dir, 'mnemonic.txt')).mode & 0o077).toBe(0)
  })

  it('starts its own embedded Anvil when no RPC URL is given, from a YAML config', async () => {
    const dir = tempDataDir()
    const file = join(dir, 'test.yaml')
    writeFileSync(file, 'mode: sequential\ntxs: 20\naccounts: 2\n')
    const r = await runCli(['run', '--config', file, '--data-dir', dir, '-q'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/embedded, mining: automine/)
    expect(r.stdout).toMatch(/mined\s+20\b/)
  })

  it('runs a scenario from an example config, with contract checks in the report', async () => {
    const dir = tempDataDir()
    const reportFile = join(dir, 'report.json')
    const r = await runCli([
      'run',
      '--config',
      'examples/rapid-transfer-erc20.yaml',
      '--txs',
      '100',
      '--rpc-url',
      testNode.anvil.rpcUrl,
      '--mining',
      'engine',
      '--data-dir',
      dir,
      '--report',
      reportFile,
      '-q',
    ])
    expect(r.code).toBe(0)
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport
    expect(report.scenario?.name).toBe('rapid-transfer')
    expect(report.counts.mined).toBe(100)
    expect(report.scenario?.checks.length).toBe(10)
    expect(report.scenario?.checks.every((c) => c.ok)).toBe(true)
    expect(r.stdout).toMatch(/checks\s+10\/10 passed/)
  })

  it.each([
    [['--txs', '0'], 'txs: must be at least 1'],
    [['--txs', '-3'], 'txs: must be at least 1'],
    [['--txs', '99999999'], 'txs: must be at most 1000000'],
    [['--txs', 'lots'], 'txs: must be a number'],
    [['--accounts', '0'], 'accounts: must be at least 1'],
    [['--mode', 'turbo'], 'mode: must be one of'],
    [['--rpc-url', 'localhost:8545'], 'rpcUrl: must be an http(s)'],
    [['--config', 'missing.json'], 'config: cannot read file'],
    [['--progress', 'xml'], '--progress: "xml" is not one of bar, json, none'],
    [['--workers', 'many'], '--workers: "many" is not a whole number from 0 to 64'],
    [['--workers', '2', '--redis', 'http://10.0.0.5:6379'], '--redis: "http://10.0.0.5:6379" is not a redis://'],
    [['--workers', '2', '--on-worker-loss', 'retry'], '--on-worker-loss: "retry" is not one of reassign, cancel'],
    [['--workers', '2', '--mode', 'multi-user'], 'mode: multi-user journeys fix their senders'],
  ])('bad input %j → exit 2, names the field, writes nothing', async (args, message) => {
    const dir = join(tempDataDir(), 'never-created')
    const r = await runCli(['run', ...args, '--data-dir', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
    expect(r.stderr).toMatch(/→/)
    expect(existsSync(dir)).toBe(false)
  })

  it('--progress json: a JSON line a second on stdout, the last one equal to the report and the chain', async () => {
    const r = await runCliReporting([
      ...['--rpc-url', testNode.anvil.rpcUrl, '--txs', '900', '--accounts', '6', '--rate', '300'],
      ...['--mining', 'engine', '--progress', 'json', '--mnemonic', freshMnemonic()],
    ])
    expect(r.code).toBe(0)
    // stdout is for machines: every line is JSON; the summary went to the person, on stderr.
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ProgressRecord)
    expect(r.stderr).toMatch(/status\s+completed/)
    const report = r.report()
    const end = lines.at(-1) as ProgressRecord
    expect(lines.slice(0, -1).every((l) => l.type === 'progress')).toBe(true)
    expect(lines.filter((l) => l.type === 'progress').length).toBeGreaterThanOrEqual(2) // ~3 s at 300 tx/s
    expect(end).toMatchObject({
      v: 1,
      type: 'end',
      runId: report.runId,
      status: 'completed',
      settled: 900,
      inFlight: 0,
    })
    expect(end.counts).toEqual(report.counts)
    expect(end.throughput).toEqual(report.throughput)
    expect(end.latencyMs).toEqual(report.latencyMs)
    expect(end.submitRttMs).toEqual(report.submitRttMs)
    expect(end.errors).toBe(report.errors.reduce((sum, g) => sum + g.count, 0))
    expect(end.block).toMatchObject({ count: report.blocks.count, ourTxs: report.blocks.ourTxs })
    // The newest block it names is the chain's head: engine mining, nothing else mines here.
    expect(end.block.number).toBe(Number(await testNode.node.conn.request('eth_blockNumber')))
    // Lines follow the run forward: time and settled txs never go back.
    for (let i = 1; i < lines.length; i++) {
      const [a, b] = [lines[i - 1] as ProgressRecord, lines[i] as ProgressRecord]
      expect(b.elapsedMs).toBeGreaterThanOrEqual(a.elapsedMs)
      expect(b.settled).toBeGreaterThanOrEqual(a.settled)
    }
    for (const a of report.accounts) expect(await onChainNonce(testNode.node, a.address)).toBe(a.expectedNonce)
  })

  it('--progress json: no line is later than the end, though the node is slow to get its mining back', async () => {
    // Putting the node's automine back answers 1.5 s late: the run is not over until it is, so
    // progress lines printed meanwhile must not show more elapsed time than the end line.
    const proxy = await startRpcProxy(testNode.anvil.rpcUrl, {
      faultMethods: new Set(['evm_setAutomine']),
      delayMs: 1_500,
    })
    try {
      const r = await runCliReporting([
        ...['--rpc-url', proxy.url, '--txs', '200', '--accounts', '4', '--mining', 'engine'],
        ...['--progress', 'json', '--mnemonic', freshMnemonic()],
      ])
      expect(r.code).toBe(0)
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as ProgressRecord)
      const end = lines.at(-1) as ProgressRecord
      expect(end.type).toBe('end')
      expect(end.elapsedMs).toBe(r.report().durationMs)
      for (const l of lines) expect(l.elapsedMs).toBeLessThanOrEqual(end.elapsedMs)
      expect(proxy.faults.delayed).toBe(2) // off at the start, back on at the end
    } finally {
      await proxy.close()
    }
  })

  it('an unreachable node → exit 3 with what to check, nothing written', async () => {
    const dir = join(tempDataDir(), 'never-created')
    const r = await runCli(['run', '--rpc-url', 'http://127.0.0.1:1', '--data-dir', dir])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('rpcUrl: cannot reach an EVM JSON-RPC node at http://127.0.0.1:1')
    expect(existsSync(dir)).toBe(false)
  })

  it('Ctrl-C stops gracefully: the report is written and the chain has no nonce gap', async () => {
    const dir = tempDataDir()
    const reportFile = join(dir, 'report.json')
    const head = async () => BigInt(await testNode.node.conn.request('eth_blockNumber'))
    const startHead = await head()
    const { child, result } = startCli([
      'run',
      '--rpc-url',
      testNode.anvil.rpcUrl,
      '--txs',
      '20000',
      '--accounts',
      '4',
      '--rate',
      '400',
      '--mining',
      'engine',
      '--data-dir',
      dir,
      '--report',
      reportFile,
      '--mnemonic',
      freshMnemonic(),
    ])
    // Wait until txs are being mined (read from the chain, not the CLI's output).
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      if ((await head()) > startHead + 3n) break
      await new Promise((r) => setTimeout(r, 100))
    }
    child.kill('SIGINT')
    const r = await result
    expect(r.code).toBe(4)
    expect(r.stderr).toMatch(/stopping/)
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport
    expect(report.status).toBe('stopped')
    expect(report.counts.cancelled).toBeGreaterThan(0)
    expect(report.invariantHolds).toBe(true)
    await expectNoNonceGap(testNode.node, report.accounts)
  })
})
