import type { Job } from 'bullmq'
import { redactUrl } from '../chain/node-info'
import type { RunEventBus } from '../testing/events'

/**
 * Says so once when shards still wait for a worker `afterMs` after they were queued: with more
 * shards than workers (`--shards` for hosts that have not started one yet), the run would
 * otherwise wait in silence (docs/distributed.md#shards).
 */
export function warnWhileShardsWait(o: {
  bus: RunEventBus
  jobs: ReadonlyMap<number, Job>
  shards: number
  redisUrl: string
  afterMs: number
}): () => void {
  const timer = setTimeout(() => {
    void Promise.all([...o.jobs.values()].map((j) => j.getState()))
      .then((states) => {
        const waiting = states.filter((s) => s === 'waiting').length
        if (!waiting) return
        o.bus.emit('event', {
          type: 'warning',
          at: Date.now(),
          code: 'shards-waiting',
          message: `${waiting} of ${o.shards} shard(s) have waited ${o.afterMs / 1000} s for a worker: each worker takes one shard at a time.`,
          hint: `Start \`evm-stress worker --redis ${redactUrl(o.redisUrl)}\` on a host that reaches the node and Redis (with a copy of data/mnemonic.txt), or give --shards no more than --workers.`,
        })
      })
      .catch(() => undefined)
  }, o.afterMs)
  timer.unref()
  return () => clearTimeout(timer)
}
