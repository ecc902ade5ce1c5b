import { describe, expect, it } from 'vitest'
import { startMetricsServer } from '../../cli/metrics-server'
import { createPrometheusExporter } from '../../services/metrics/prometheus'
import { createRunsRepo } from '../../services/store/runs-repo'
import { txStates } from '../../services/testing/tx'
import { withTestNode } from '../helpers/anvil'
import { expectReportEqualsChain } from '../helpers/chain'
import { startCli } from '../helpers/cli'
import { freshMnemonic, startTestRun, tempDataDir } from '../helpers/run'
import { scrape, total } from '../helpers/scrape'

const testNode = withTestNode()
const terminal = ['mined', 'reverted', 'failed', 'dropped', 'cancelled', 'unconfirmed'] as const

describe('Prometheus metrics', () => {
  it('a scrape during the run parses; at the end its numbers equal the report and the chain', async () => {
    const exporter = createPrometheusExporter()
    const server = await startMetricsServer(exporter, 0)
    const url = `http://127.0.0.1:${server.port}/metrics`
    try {
      const { session, db } = startTestRun(testNode.node, {
        txs: 900,
        accounts: 6,
        rate: 300,
        mining: 'engine',
        mnemonic: freshMnemonic(),
      })
      exporter.attach({ id: session.id, bus: session.bus, counts: session.model.counts })
      const run = { run_id: session.id }
      // Mid-run: some txs mined, not all (the rate holds the run ~3 s).
      let during = await scrape(url)
      while (total(during, 'evm_stress_txs_total', { ...run, state: 'mined' }) === 0) {
        await new Promise((r) => setTimeout(r, 100))
        during = await scrape(url)
      }
      expect(total(during, 'evm_stress_run_status', { ...run, status: 'running' })).toBe(1)
      expect(total(during, 'evm_stress_txs_total', { ...run, state: 'mined' })).toBeLessThan(900)

      const report = await session.done
      const end = await scrape(url)
      for (const state of txStates)
        expect(total(end, 'evm_stress_txs', { ...run, state }), state).toBe(report.counts[state])
      for (const state of terminal)
        expect(total(end, 'evm_stress_txs_total', { ...run, state }), state).toBe(report.counts[state])
      expect(total(end, 'evm_stress_txs_in_flight', run)).toBe(0)
      expect(total(end, 'evm_stress_run_status', { ...run, status: 'completed' })).toBe(1)
      expect(total(end, 'evm_stress_run_status', { ...run, status: 'running' })).toBe(0)
      expect(total(end, 'evm_stress_errors_total', run)).toBe(report.errors.reduce((n, g) => n + g.count, 0))
      expect(total(end, 'evm_stress_blocks_total', run)).toBe(report.blocks.count)
      // One latency per included tx that has one in the store (all, unless settled by nonce alone).
      const timed = createRunsRepo(db)
        .txs(session.id)
        .filter((r) => r.role === 'planned' && r.state === 'mined' && r.latency_ms !== null)
      expect(timed.length).toBeGreaterThan(0)
      expect(total(end, 'evm_stress_inclusion_latency_seconds', { ...run, label: 'transfer' })).toBe(timed.length)
      expect(total(end, 'evm_stress_submit_rtt_seconds', run)).toBeGreaterThan(0)
      const head = Number(BigInt(await testNode.node.conn.request('eth_blockNumber')))
      expect(total(end, 'evm_stress_block_number', run)).toBe(head)
      await expectReportEqualsChain(testNode.node, report)
    } finally {
      await server.close()
    }
  })

  it('evm-stress run --metrics-port: a scrape target while the CLI runs; a bad port is named', async () => {
    const { child, result } = startCli([
      'run',
      '--rpc-url',
      testNode.anvil.rpcUrl,
      ...['--txs', '1500', '--accounts', '6', '--rate', '300', '--mining', 'engine', '--quiet'],
      ...['--metrics-port', '0', '--data-dir', tempDataDir(), '--mnemonic', freshMnemonic()],
    ])
    let stderr = ''
    child.stderr?.on('data', (d) => {
      stderr += d
    })
    let url: string | undefined
    while (!url && child.exitCode === null) {
      url = stderr.match(/metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)/)?.[1]
      if (!url) await new Promise((r) => setTimeout(r, 50))
    }
    if (!url) throw new Error(`the CLI printed no metrics URL: ${stderr}`)
    let mined = 0
    while (mined === 0) {
      mined = total(await scrape(url), 'evm_stress_txs_total', { state: 'mined' })
      if (mined === 0) await new Promise((r) => setTimeout(r, 100))
    }
    const r = await result
    expect(r.code).toBe(0)
    expect(mined).toBeGreaterThan(0)

    const bad = await startCli(['run', '--metrics-port', '70000', '--data-dir', tempDataDir()]).result
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--metrics-port: "70000" is not a port (0–65535)')
  })
})
