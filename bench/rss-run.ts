import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { NodeHandle } from '../services/chain/node-handle'

const run = promisify(execFile)

/**
 * The engine's peak RSS for a long run: the CLI in its own process (so nothing of the bench is
 * counted), `--quiet`, against this node with engine mining; read from its report.
 */
export async function peakRssRun(
  node: NodeHandle,
  txs: number,
  dataDir: string,
): Promise<{ peakRssMiB: number; minedPerSec: number }> {
  const report = join(dataDir, 'rss-report.json')
  const cli = join(import.meta.dirname, '..', 'bin', 'evm-stress.mjs')
  await run(
    process.execPath,
    [
      cli,
      'run',
      ...['--rpc-url', node.conn.url, '--mining', 'engine', '--txs', String(txs), '--accounts', '200'],
      ...['--concurrency', '2000', '--quiet', '--data-dir', dataDir, '--report', report],
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  )
  const r = JSON.parse(readFileSync(report, 'utf8')) as {
    counts: { mined: number }
    throughput: { minedPerSec: number }
    environment: { peakRssKiB?: number }
  }
  if (r.counts.mined !== txs) throw new Error(`the ${txs}-tx run did not mine all txs: ${JSON.stringify(r.counts)}`)
  return {
    peakRssMiB: Math.round((r.environment.peakRssKiB ?? 0) / 1024),
    minedPerSec: r.throughput.minedPerSec,
  }
}
