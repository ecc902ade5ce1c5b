import { mkdtempSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Job, Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import { deriveAccounts } from '../accounts/derive'
import { installMnemonic } from '../accounts/mnemonic-store'
import { openNode } from '../chain/node-handle'
import { parseTestConfig } from '../config/parse'
import { ConfigError } from '../errors/base'
import { storedOutcomes } from '../store/outcome-rows'
import { createRunWriter } from '../store/run-writer'
import { createRunsRepo } from '../store/runs-repo'
import { openSqlite } from '../store/sqlite'
import { createEventBus } from '../testing/events'
import { executeRun } from '../testing/executor'
import { type ControlRequest, createRunControl } from '../testing/run-control'
import { createForwarder } from './forwarder'
import {
  controlChannel,
  controlKey,
  coordinatorKey,
  eventStream,
  heartbeatTimeoutMs,
  shardQueue,
  stalledCheckMs,
} from './names'
import { checkRedis, redisClient } from './redis-client'
import type { ShardJob } from './shard-job'
import { txIndexes } from './shards'
import { encodeWire } from './wire'

export type ShardWorker = { id: string; close(): Promise<void> }

export type StartWorkerParameters = {
  redisUrl: string
  /** Holds the install's mnemonic: the same one as the coordinator's (docs/distributed.md). */
  dataDir: string
  log?: (line: string) => void
}

/**
 * `evm-stress worker`: takes shards of distributed runs from Redis one at a time and runs each
 * through the engine, its events streamed to the coordinator. Its lock on the shard is its
 * heartbeat; losing it stops the shard's sending at once (the coordinator hands the rest on).
 */
export async function startWorker(p: StartWorkerParameters): Promise<ShardWorker> {
  await checkRedis(p.redisUrl)
  const id = `${hostname()}:${process.pid}`
  const log = p.log ?? (() => {})
  const redis = redisClient(p.redisUrl)
  const controls = new Map<string, ReturnType<typeof createRunControl>>()
  // BullMQ leaves a connection it was given open: closed here, with the worker.
  const bullConnection = redisClient(p.redisUrl)
  const worker = new Worker<ShardJob, string>(
    shardQueue,
    (job) => runShard(job, { redis, dataDir: p.dataDir, id, log, controls }),
    {
      connection: bullConnection,
      concurrency: 1,
      lockDuration: heartbeatTimeoutMs,
      stalledInterval: stalledCheckMs,
      maxStalledCount: 0,
    },
  )
  worker.on('lockRenewalFailed', (ids) => {
    for (const jobId of ids) {
      log(`lost the hold on shard ${jobId}: stopping its sends (the coordinator takes it over)`)
      controls.get(jobId)?.stop()
    }
  })
  await worker.waitUntilReady()
  return {
    id,
    async close() {
      await worker.close()
      bullConnection.disconnect()
      redis.disconnect()
    },
  }
}

type ShardDeps = {
  redis: Redis
  dataDir: string
  id: string
  log: (line: string) => void
  controls: Map<string, ReturnType<typeof createRunControl>>
}

async function runShard(job: Job<ShardJob, string>, d: ShardDeps): Promise<string> {
  const s = job.data
  if (!(await d.redis.exists(coordinatorKey(s.runId)))) {
    d.log(`shard ${s.shard} of run ${s.runId}: its coordinator is gone, not sent`)
    throw new Error(`run ${s.runId}'s coordinator is gone: nobody would merge this shard, so it is not sent`)
  }
  const config = parseTestConfig(s.config)
  const mine = deriveAccounts(installMnemonic(d.dataDir), 1)[0]?.address
  if (mine !== s.firstSender)
    throw new ConfigError(
      [{ field: 'dataDir', message: `holds another mnemonic than the coordinator's (${mine} ≠ ${s.firstSender})` }],
      {
        hint: "Copy the coordinator's data/mnemonic.txt into this worker's data dir (docs/distributed.md).",
      },
    )
  d.log(`shard ${s.shard} (attempt ${s.attempt}) of run ${s.runId}: ${s.senders.length} accounts`)
  const node = await openNode({ rpcUrl: s.rpcUrl, batchSize: config.batchSize, timeoutMs: config.requestTimeoutMs })
  const bus = createEventBus()
  const control = createRunControl()
  const jobId = job.id ?? ''
  d.controls.set(jobId, control)
  const forward = createForwarder(d.redis, eventStream(s.runId), { shard: s.shard, attempt: s.attempt, worker: d.id })
  const listener = d.redis.duplicate()
  const requests: Record<ControlRequest, () => unknown> = {
    pause: () => control.pause(),
    resume: () => control.resume(),
    stop: () => control.stop(),
  }
  listener.on('message', (_channel, message: string) => requests[message as ControlRequest]?.())
  await listener.subscribe(controlChannel(s.runId))
  // A shard taken after the user paused or stopped the run starts that way.
  const last = (await d.redis.get(controlKey(s.runId))) as ControlRequest | null
  if (last && last !== 'resume') requests[last]?.()
  // The shard's own store: the write-ahead the engine expects, and the scenario's checks at the end.
  const dir = mkdtempSync(join(tmpdir(), 'evm-stress-shard-'))
  const db = openSqlite(dir)
  createRunsRepo(db).insert({
    id: s.runId,
    test_id: null,
    name: null,
    status: 'running',
    config_json: '{}',
    created_at: Date.now(),
    planned: config.txs,
    rpc_url: null,
    chain_id: node.info.chainId,
    resumable: 0,
  })
  const writer = createRunWriter(db, s.runId)
  bus.on('event', (e) => {
    forward.push(e)
    writer.onEvent(e)
  })
  try {
    const outcome = await executeRun({
      config,
      conn: node.conn,
      node: node.info,
      embedded: false,
      dataDir: d.dataDir,
      bus,
      control,
      only: txIndexes(s.txs),
      senders: new Set(s.senders),
      mining: s.mining,
      beforeSend: async () => {
        writer.flush()
        await forward.flush()
      },
      stored: () => {
        writer.flush()
        return storedOutcomes(db, s.runId)
      },
    })
    await forward.close()
    return encodeWire(outcome)
  } finally {
    d.controls.delete(jobId)
    await forward.close().catch(() => undefined)
    listener.disconnect()
    writer.close()
    db.close()
    rmSync(dir, { recursive: true, force: true })
    await node.close()
  }
}
