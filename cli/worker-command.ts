import { resolve } from 'node:path'
import { redactUrl } from '../services/chain/node-info'
import { startWorker } from '../services/distributed/worker'

/**
 * `evm-stress worker --redis URL`: a generator for distributed runs (docs/distributed.md). It
 * takes shards until it is stopped; a first Ctrl-C lets the shard in hand finish, a second leaves
 * at once (the coordinator settles that shard from the chain).
 */
export async function workerCommand(o: { redis: string; dataDir: string }): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const worker = await startWorker({ redisUrl: o.redis, dataDir: resolve(o.dataDir), log })
  log(`worker ${worker.id}: waiting for shards on ${redactUrl(o.redis)}`)
  await new Promise<void>((done) => {
    let signals = 0
    const onSignal = () => {
      if (++signals > 1) process.exit(130)
      log(`worker ${worker.id}: stopping once the shard in hand is done (again to leave now)`)
      void worker.close().then(done)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
}
