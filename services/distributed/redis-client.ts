import { Redis } from 'ioredis'
import { redactUrl } from '../chain/node-info'
import { NodeUnavailableError } from '../errors/base'

/**
 * A Redis connection as BullMQ wants it: commands wait through a reconnect instead of failing.
 * Its connection errors are not thrown at the process: `checkRedis` says at the start whether
 * Redis is there, and a read that fails later is reported by whoever made it.
 */
export function redisClient(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null })
  redis.on('error', () => {})
  return redis
}

/** Fails at once, naming the URL, when nothing answers there: before a run or a worker starts. */
export async function checkRedis(url: string, timeoutMs = 5_000): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
  })
  probe.on('error', () => {})
  try {
    await probe.connect()
    await probe.ping()
  } catch (cause) {
    throw new NodeUnavailableError(
      `Redis at ${redactUrl(url)} did not answer: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        hint: 'Start it (redis-server), or give the --redis URL every worker and the coordinator can reach.',
        cause,
      },
    )
  } finally {
    probe.disconnect()
  }
}
