import { installMnemonic } from '../services/accounts/mnemonic-store'
import type { NodeHandle } from '../services/chain/node-handle'
import { parseTestConfig } from '../services/config/parse'
import { distributedExecute } from '../services/distributed/coordinator'
import { startLocalWorkers } from '../services/distributed/local-workers'
import { startLocalRedis } from '../services/distributed/redis-server'
import type { RunReport } from '../services/metrics/report'
import { startRunSession } from '../services/runs/run-session'
import type { Db } from '../services/store/db'

/**
 * Distributed runs on one node, one worker process against three (docs/metrics.md#benchmark):
 * the same plan, alternating, on one Redis and three standing workers (a one-shard run keeps two
 * idle). Each run's "limited by" says whether the node or the generators set the pace.
 */
export async function distributedRuns(node: NodeHandle, db: Db, dataDir: string, txs: number, rounds: number) {
  installMnemonic(dataDir)
  const redis = await startLocalRedis()
  const workers = startLocalWorkers(3, redis.url, dataDir)
  try {
    const run = async (shards: number): Promise<RunReport> => {
      const config = parseTestConfig({ txs, accounts: 30, mode: 'concurrent', concurrency: 400, batchSize: 100 })
      const execute = (runId: string) => distributedExecute({ redisUrl: redis.url, shards, runId, onLoss: 'reassign' })
      const report = await startRunSession({ config, node, db, dataDir, execute }).done
      if (report.status !== 'completed' || report.counts.mined !== txs || report.chainAgrees !== true)
        throw new Error(`distributed run (${shards} shards) did not mine all txs: ${JSON.stringify(report.counts)}`)
      return report
    }
    const one: RunReport[] = []
    const three: RunReport[] = []
    for (let i = 0; i < rounds; i++) {
      one.push(await run(1))
      three.push(await run(3))
    }
    const rate = (rs: RunReport[]) => rs.reduce((s, r) => s + r.throughput.minedPerSec, 0) / rs.length
    const limits = (rs: RunReport[]) => rs.map((r) => r.limit?.by ?? 'unclear')
    return {
      oneWorker: rate(one),
      threeWorkers: rate(three),
      limitedBy: { oneWorker: limits(one), threeWorkers: limits(three) },
    }
  } finally {
    await workers.stop()
    await redis.stop()
  }
}
