import type { Redis } from 'ioredis'
import type { RunEvent } from '../testing/events'
import type { BatchSource } from './shard-job'
import { decodeWire } from './wire'

export type StreamReader = {
  /** Resolves once every batch already in the stream has been handed on. */
  caughtUp(): Promise<void>
  stop(): Promise<void>
}

/** Stream ids are "<ms>-<seq>": compared as numbers, not strings. */
function compareIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt)
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt)
  return am === bm ? Number(as - bs) : Number(am - bm)
}

/**
 * The coordinator's side of the run's event stream: every worker's batches in the order Redis
 * took them (XREAD), each handed on whole. `blocking` is a connection of its own (XREAD BLOCK
 * holds it); `redis` answers the rest.
 */
export function startStreamReader(
  redis: Redis,
  blocking: Redis,
  stream: string,
  onBatch: (source: BatchSource, events: RunEvent[]) => void,
  onError: (error: unknown) => void,
): StreamReader {
  let lastId = '0-0'
  let stopping = false
  const waiters: Array<{ id: string; resolve: () => void }> = []
  const wake = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]
      if (w && compareIds(w.id, lastId) <= 0) {
        waiters.splice(i, 1)
        w.resolve()
      }
    }
  }
  const loop = (async () => {
    while (!stopping || waiters.length) {
      try {
        const answer = await blocking.xread('COUNT', 200, 'BLOCK', 200, 'STREAMS', stream, lastId)
        for (const [, entries] of answer ?? [])
          for (const [id, fields] of entries) {
            lastId = id
            const f = new Map<string, string>()
            for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i] as string, fields[i + 1] as string)
            onBatch(
              { shard: Number(f.get('shard')), attempt: Number(f.get('attempt')), worker: f.get('worker') ?? '?' },
              decodeWire<RunEvent[]>(f.get('events') ?? '[]'),
            )
          }
      } catch (error) {
        onError(error)
        await new Promise((r) => setTimeout(r, 500))
      }
      wake()
    }
  })()
  async function caughtUp() {
    const [last] = await redis.xrevrange(stream, '+', '-', 'COUNT', 1)
    if (!last || compareIds(last[0], lastId) <= 0) return
    await new Promise<void>((resolve) => waiters.push({ id: last[0], resolve }))
  }
  return {
    caughtUp,
    async stop() {
      try {
        await caughtUp()
      } finally {
        // Redis gone: what was read is all there is; the loop must end either way.
        stopping = true
        waiters.length = 0
      }
      await loop
    },
  }
}
