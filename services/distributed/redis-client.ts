import { Redis } from 'ioredis'

/** A Redis connection as BullMQ wants it: commands wait through a reconnect instead of failing. */
export function redisClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false })
}
