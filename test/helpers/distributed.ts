import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll } from 'vitest'
import type { NodeHandle } from '../../services/chain/node-handle'
import { parseTestConfig } from '../../services/config/parse'
import type { TestConfigInput } from '../../services/config/schema'
import { distributedExecute, type LossPolicy } from '../../services/distributed/coordinator'
import { type LocalWorkers, startLocalWorkers } from '../../services/distributed/local-workers'
import { eventStream } from '../../services/distributed/names'
import { type LocalRedis, startLocalRedis } from '../../services/distributed/redis-server'
import { decodeWire } from '../../services/distributed/wire'
import { startRunSession } from '../../services/runs/run-session'
import { databaseUrlVariable, openDb } from '../../services/store/db'
import type { RunEvent } from '../../services/testing/events'
import { freshMnemonic, tempDataDir } from './run'

/** A redis-server of the file's own (Debian's, on a loopback port), stopped after its tests. */
export function withTestRedis(): { readonly url: string } {
  let redis: LocalRedis | undefined
  beforeAll(async () => {
    redis = await startLocalRedis()
  })
  afterAll(async () => {
    await redis?.stop()
  })
  return {
    get url() {
      if (!redis) throw new Error('test redis not started')
      return redis.url
    },
  }
}

/**
 * A distributed run as the CLI makes one: `workers` processes of `evm-stress worker` on a data dir
 * with a fresh mnemonic (the test's own accounts), the coordinator in this process, its store
 * PostgreSQL at `databaseUrl` or else SQLite in the data dir.
 */
export function startDistributedRun(
  node: NodeHandle,
  redisUrl: string,
  input: TestConfigInput,
  o: { workers: number; shards?: number; onLoss?: LossPolicy; databaseUrl?: string; waitWarnMs?: number },
) {
  const dataDir = tempDataDir()
  writeFileSync(join(dataDir, 'mnemonic.txt'), `${freshMnemonic()}\n`, { mode: 0o600 })
  const workers: LocalWorkers = startLocalWorkers(o.workers, redisUrl, dataDir)
  const db = openDb(dataDir, o.databaseUrl ? { [databaseUrlVariable]: o.databaseUrl } : {})
  const session = startRunSession({
    config: parseTestConfig(input),
    node,
    db,
    dataDir,
    execute: (runId) =>
      distributedExecute({
        redisUrl,
        shards: o.shards ?? o.workers,
        runId,
        onLoss: o.onLoss ?? 'reassign',
        waitWarnMs: o.waitWarnMs,
      }),
  })
  return {
    session,
    db,
    dataDir,
    workers,
    /** A run a failed test left going is stopped first: its workers finish their shards and leave. */
    async close() {
      session.stop()
      await session.done
      await workers.stop()
      db.close()
    },
  }
}

/** What the workers put in the run's stream, read back from Redis itself: who sent which events. */
export async function streamBatches(redisUrl: string, runId: string) {
  const redis = new Redis(redisUrl)
  try {
    const entries = await redis.xrange(eventStream(runId), '-', '+')
    return entries.map(([, fields]) => {
      const f = new Map<string, string>()
      for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i] as string, fields[i + 1] as string)
      return {
        shard: Number(f.get('shard')),
        attempt: Number(f.get('attempt')),
        worker: f.get('worker') ?? '',
        events: decodeWire<RunEvent[]>(f.get('events') ?? '[]'),
      }
    })
  } finally {
    redis.disconnect()
  }
}
