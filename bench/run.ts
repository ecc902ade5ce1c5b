import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deriveAccounts } from '../services/accounts/derive'
import { openNode } from '../services/chain/node-handle'
import { signerBackend } from '../services/chain/signer'
import { parseTestConfig } from '../services/config/parse'
import type { TestConfig } from '../services/config/schema'
import { startRunSession } from '../services/runs/run-session'
import { openDb } from '../services/store/db'
import { bareLoop } from './bare-loop'
import { rawCeiling } from './raw-ceiling'
import { peakRssRun } from './rss-run'
import { viemLoop } from './viem-loop'

/**
 * One embedded Anvil and ETH transfers sent to it several ways: the raw ceiling, the engine
 * (every tx tracked to inclusion and stored), an idiomatic viem loop, the sequential engine
 * against a bare send-and-poll loop, and a long CLI run for the engine's peak RSS
 * (docs/metrics.md#benchmark). Prints tx/s and ratios as JSON. Speeds belong here, never in tests.
 */
const txs = Number(process.env.BENCH_TXS ?? 5000)
const viemTxs = Number(process.env.BENCH_VIEM_TXS ?? 500)
const sequentialTxs = Number(process.env.BENCH_SEQUENTIAL_TXS ?? 1500)
/** 0 skips the long run. */
const rssTxs = Number(process.env.BENCH_RSS_TXS ?? 100_000)
const accounts = 20

const node = await openNode({ batchSize: 100 })
const dataDir = mkdtempSync(join(tmpdir(), 'evm-stress-bench-'))
try {
  const mnemonic = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
  const ceilingAccounts = deriveAccounts(mnemonic, accounts, 100)
  const ceiling = await rawCeiling(node, ceilingAccounts, txs)

  const db = openDb(dataDir)
  /** One engine run on this node; every tx must be mined. */
  const engineRun = async (config: TestConfig) => {
    const report = await startRunSession({ config, node, db, dataDir }).done
    if (report.status !== 'completed' || report.counts.mined !== config.txs)
      throw new Error(`engine run did not mine all txs: ${JSON.stringify(report.counts)}`)
    return report
  }
  const report = await engineRun(
    parseTestConfig({ mode: 'concurrent', txs, accounts, concurrency: 400, batchSize: 100, mnemonic }),
  )
  const engine = report.throughput.minedPerSec
  const engineWall = (txs / report.durationMs) * 1000

  const [loopAccount] = deriveAccounts(mnemonic, 1, 200)
  if (!loopAccount) throw new Error('no account for the viem loop')
  const viem = await viemLoop(node, loopAccount, viemTxs)

  // Anvil slows as its chain grows: the engine's sequential run is bracketed by two bare loops
  // and compared with their mean, all on this one node.
  const [bareAccount] = deriveAccounts(mnemonic, 1, 300)
  if (!bareAccount) throw new Error('no account for the bare loop')
  const bareBefore = await bareLoop(node, bareAccount, sequentialTxs)
  const sequential = await engineRun(parseTestConfig({ mode: 'sequential', txs: sequentialTxs, accounts: 1, mnemonic }))
  const bareAfter = await bareLoop(node, bareAccount, sequentialTxs)
  const bare = (bareBefore + bareAfter) / 2
  db.close()
  const long = rssTxs > 0 ? await peakRssRun(node, rssTxs, dataDir) : undefined

  const round = (n: number) => Math.round(n * 10) / 10
  console.log(
    JSON.stringify(
      {
        node: node.info.clientVersion,
        signer: signerBackend,
        txs,
        accounts,
        txPerSec: {
          rawCeiling: round(ceiling),
          engine: round(engine),
          engineWallClock: round(engineWall),
          viemLoop: round(viem),
          sequentialEngine: round(sequential.throughput.minedPerSec),
          sequentialBareLoop: round(bare),
        },
        ratios: {
          engineVsCeiling: Math.round((engine / ceiling) * 100) / 100,
          engineVsViemLoop: Math.round((engine / viem) * 100) / 100,
          sequentialEngineVsBareLoop: Math.round((sequential.throughput.minedPerSec / bare) * 100) / 100,
        },
        sequentialBareLoopTxPerSec: { before: round(bareBefore), after: round(bareAfter) },
        ...(long && {
          longRun: { txs: rssTxs, engineProcessPeakRssMiB: long.peakRssMiB, minedPerSec: round(long.minedPerSec) },
        }),
        engineLatencyMs: report.latencyMs,
        notes:
          'engine = first submit → last inclusion with every tx tracked and stored; engineWallClock includes funding and set-up',
      },
      null,
      2,
    ),
  )
} finally {
  await node.close()
  rmSync(dataDir, { recursive: true, force: true })
}
