import { installMnemonic } from '../services/accounts/mnemonic-store'
import {
  type DistributedOptions,
  distributedExecute,
  type LossPolicy,
  lossPolicies,
} from '../services/distributed/coordinator'
import { startLocalWorkers } from '../services/distributed/local-workers'
import { checkRedis } from '../services/distributed/redis-client'
import { startLocalRedis } from '../services/distributed/redis-server'
import { ConfigError } from '../services/errors/base'
import type { StartRunSessionParameters } from '../services/runs/run-session'

/** The distributed flags of `run`, as given (commander's values, unchecked). */
export type DistributedFlags = { workers?: unknown; shards?: unknown; redis?: unknown; onWorkerLoss?: unknown }

/** Most local worker processes one run starts: each is a Node process with its own heap. */
export const maxLocalWorkers = 64

export type Distributed = {
  execute: NonNullable<StartRunSessionParameters['execute']>
  describe: string
  stop(): Promise<void>
}

/**
 * `run --workers N` / `--shards` / `--redis`: checks them (bad input named, before a node starts)
 * and, when any is given, starts what the run needs: a Redis unless one is named, and the local
 * workers. Undefined: the run stays in this process.
 */
export function checkDistributedFlags(f: DistributedFlags) {
  const workers = count(f.workers, '--workers', 0)
  const shards = f.shards === undefined ? workers : count(f.shards, '--shards', 1)
  if (f.redis !== undefined && (typeof f.redis !== 'string' || !/^rediss?:\/\//.test(f.redis)))
    throw new ConfigError([{ field: '--redis', message: `"${String(f.redis)}" is not a redis:// or rediss:// URL` }], {
      hint: 'Give it as redis://host:port (redis://:password@host:port with a password).',
    })
  const onLoss = (f.onWorkerLoss ?? 'reassign') as LossPolicy
  if (!lossPolicies.includes(onLoss))
    throw new ConfigError(
      [{ field: '--on-worker-loss', message: `"${String(f.onWorkerLoss)}" is not one of ${lossPolicies.join(', ')}` }],
      {
        hint: "reassign hands a lost worker's unsent txs to another worker; cancel ends them (docs/distributed.md#losses).",
      },
    )
  if (f.workers === undefined && f.shards === undefined && f.redis === undefined) return undefined
  if (shards < 1)
    throw new ConfigError([{ field: '--shards', message: 'a distributed run needs at least one shard' }], {
      hint: 'Give --workers N to run N local workers, or --shards N for N workers on other hosts (evm-stress worker).',
    })
  return { workers, shards, redis: f.redis as string | undefined, onLoss }
}

export async function startDistributed(
  o: NonNullable<ReturnType<typeof checkDistributedFlags>>,
  dataDir: string,
): Promise<Distributed> {
  // Before any worker reads it: they all derive the run's accounts from this one.
  installMnemonic(dataDir)
  const redis = o.redis ? undefined : await startLocalRedis()
  const redisUrl = o.redis ?? (redis?.url as string)
  await checkRedis(redisUrl)
  const workers = startLocalWorkers(o.workers, redisUrl, dataDir)
  const options = (runId: string): DistributedOptions => ({ redisUrl, shards: o.shards, runId, onLoss: o.onLoss })
  return {
    execute: (runId) => distributedExecute(options(runId)),
    describe: `${o.shards} shard(s), ${o.workers} local worker(s)${o.redis ? '' : ', a redis-server of its own'}`,
    async stop() {
      await workers.stop()
      await redis?.stop()
    },
  }
}

function count(value: unknown, field: string, min: number): number {
  if (value === undefined) return 0
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= maxLocalWorkers) return value
  throw new ConfigError(
    [{ field, message: `"${String(value)}" is not a whole number from ${min} to ${maxLocalWorkers}` }],
    {
      hint: 'One worker process per core the machine can spare is a good start (docs/distributed.md).',
    },
  )
}
