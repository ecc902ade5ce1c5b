import type { Redis } from 'ioredis'
import type { RunEvent } from '../testing/events'
import type { BatchSource } from './shard-job'
import { encodeWire } from './wire'

/** A worker's events leave for the coordinator at least this often. */
const forwardEveryMs = 50

export type Forwarder = {
  push(e: RunEvent): void
  /** Resolves once every event pushed so far is in the stream: the write-ahead before a send. */
  flush(): Promise<void>
  close(): Promise<void>
}

/**
 * A worker's run events, in order, into the run's Redis stream as batches (XADD). The engine's
 * write-ahead awaits `flush` before each send, so the coordinator learns of every tx that may be
 * on the node, even when the worker is killed the next moment (docs/distributed.md#losses).
 */
export function createForwarder(redis: Redis, stream: string, source: BatchSource): Forwarder {
  let buffer: RunEvent[] = []
  let last: Promise<unknown> = Promise.resolve()
  const fields = ['shard', String(source.shard), 'attempt', String(source.attempt), 'worker', source.worker]
  function flush(): Promise<void> {
    if (buffer.length) {
      const batch = encodeWire(buffer)
      buffer = []
      // Chained: batches reach the stream in the order they were cut.
      last = last.then(() => redis.xadd(stream, '*', ...fields, 'events', batch))
    }
    return last.then(() => undefined)
  }
  const timer = setInterval(() => void flush().catch(() => undefined), forwardEveryMs)
  return {
    push: (e) => {
      buffer.push(e)
    },
    flush,
    async close() {
      clearInterval(timer)
      await flush()
    },
  }
}
