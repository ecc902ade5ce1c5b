import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Queue, QueueEvents } from 'bullmq'
import { describe, expect, it } from 'vitest'
import { type LocalWorkers, startLocalWorkers } from '../../services/distributed/local-workers'
import { shardQueue } from '../../services/distributed/names'
import { redisClient } from '../../services/distributed/redis-client'
import { type ShardJob, shardJobId } from '../../services/distributed/shard-job'
import type { LiveFrame } from '../../services/live/frames'
import { openPostgres } from '../../services/store/postgres'
import { createRunsRepo } from '../../services/store/runs-repo'
import { isIncluded } from '../../services/testing/tx'
import { withTestNode } from '../helpers/anvil'
import { expectNoNonceGap, onChainNonce } from '../helpers/chain'
import { startDistributedRun, streamBatches, withTestRedis } from '../helpers/distributed'
import { withTestPostgres } from '../helpers/postgres'
import { freshMnemonic, tempDataDir } from '../helpers/run'

const testNode = withTestNode()
const redis = withTestRedis()
// The coordinator's store is PostgreSQL, as for a run whose workers are on other hosts.
const pg = withTestPostgres()

/** Each account's senders (worker processes), from the workers' own batches in Redis. */
async function workersByAccount(runId: string) {
  const by = new Map<string, Set<string>>()
  for (const b of await streamBatches(redis.url, runId))
    for (const e of b.events)
      if (e.type === 'tx') {
        const key = e.from.toLowerCase()
        by.set(key, (by.get(key) ?? new Set()).add(b.worker))
      }
  return by
}

/** Every stored tx row of the run that used a nonce, per account: what the chain must say. */
function includedByAccount(db: Parameters<typeof createRunsRepo>[0], runId: string) {
  const by = new Map<string, number>()
  for (const t of createRunsRepo(db).txs(runId))
    if (isIncluded(t.state)) by.set(t.account.toLowerCase(), (by.get(t.account.toLowerCase()) ?? 0) + 1)
  return by
}

describe('a run from three worker processes over Redis', () => {
  it('20,000 txs: the report equals the chain, each account sent from one worker, the live feed shows the merged run', async () => {
    const run = startDistributedRun(
      testNode.node,
      redis.url,
      { txs: 20_000, accounts: 30, mining: 'engine', concurrency: 300 },
      { workers: 3, databaseUrl: pg.url },
    )
    const frames: LiveFrame[] = []
    run.session.feed.subscribe((f) => frames.push(f))
    try {
      const report = await run.session.done
      expect(report.status).toBe('completed')
      expect(report.counts.planned).toBe(20_000)
      expect(report.counts.mined).toBe(20_000)
      expect(report.chainAgrees).toBe(true)
      expect(report.distributed?.shards.map((s) => [s.accounts, s.attempts.length])).toEqual([
        [10, 1],
        [10, 1],
        [10, 1],
      ])
      // The chain's own word, per account: its nonce is what the store says it used.
      expect(report.accounts).toHaveLength(30)
      await expectNoNonceGap(testNode.node, report.accounts)
      const stored = includedByAccount(run.db, run.session.id)
      for (const a of report.accounts)
        expect(await onChainNonce(testNode.node, a.address), a.address).toBe(stored.get(a.address.toLowerCase()))
      // Disjoint shards: no account's txs came from two workers, and three workers sent.
      const by = await workersByAccount(run.session.id)
      expect(by.size).toBe(30)
      for (const [account, workers] of by) expect([...workers], account).toHaveLength(1)
      expect(new Set([...by.values()].map((w) => [...w][0])).size).toBe(3)
      // The live stream is the one merged run: its numbers grew while running, over every account.
      const stats = frames.flatMap((f) => (f.kind === 'stats' ? [f] : []))
      expect(
        stats.some((f) => f.stats.status === 'running' && f.stats.counts.mined > 0 && f.stats.counts.mined < 20_000),
      ).toBe(true)
      expect(Math.max(0, ...stats.map((f) => f.accounts?.length ?? 0))).toBe(30)
      const end = frames.find((f) => f.kind === 'end')
      expect(end?.kind === 'end' && end.stats.counts.mined).toBe(20_000)
      // The record is in PostgreSQL for anyone who opens it (the web app on another host).
      const other = openPostgres(pg.url)
      try {
        const stored = createRunsRepo(other)
        expect(stored.get(run.session.id)?.status).toBe('completed')
        expect(stored.txStateCounts(run.session.id)).toEqual({ mined: 20_000 })
      } finally {
        other.close()
      }
    } finally {
      await run.close()
    }
  })
})

describe('a worker killed mid-run (SIGKILL)', () => {
  it('its open txs are settled from the chain and its unsent ones handed to another worker: every tx once, the chain agrees', async () => {
    const txs = 8_000
    const run = startDistributedRun(
      testNode.node,
      redis.url,
      { txs, accounts: 30, mining: 'engine', concurrency: 300, rate: 1_500 },
      { workers: 3, databaseUrl: pg.url },
    )
    const victim = run.workers.children[0]
    try {
      // Well under way, with the victim's share far from sent (a third of the plan at 500 tx/s).
      while (run.session.model.counts().mined < 1_500) await new Promise((r) => setTimeout(r, 50))
      victim?.kill('SIGKILL')
      const report = await run.session.done
      expect(report.status).toBe('completed')
      const c = report.counts
      // Every planned tx in exactly one terminal state. On Anvil a lost tx without a receipt is taken
      // out of the pool and so free to go again: all of them were mined in the end, none twice.
      expect(c.mined + c.reverted + c.failed + c.dropped + c.cancelled + c.unconfirmed).toBe(txs)
      expect(c.mined).toBe(txs)
      expect(report.warnings.some((w) => w.code === 'worker-lost')).toBe(true)
      expect(report.chainAgrees).toBe(true)
      await expectNoNonceGap(testNode.node, report.accounts)
      const stored = includedByAccount(run.db, run.session.id)
      let onChain = 0
      for (const a of report.accounts) {
        const n = await onChainNonce(testNode.node, a.address)
        expect(n, a.address).toBe(stored.get(a.address.toLowerCase()) ?? 0)
        onChain += n
      }
      expect(onChain).toBe(c.mined + c.reverted + report.gapFills)
      // The report names the loss: the victim's shard lost at its first attempt, finished at its second.
      const victimShard = report.distributed?.shards.find((s) => s.attempts.some((a) => a.result === 'lost'))
      expect(victimShard?.attempts.map((a) => a.result)).toEqual(['lost', 'completed'])
      expect(victimShard?.attempts[0]?.worker).toMatch(new RegExp(`:${victim?.pid}$`))
      // The lost shard went on under another worker (attempt 2); no account ever had two at once.
      const batches = await streamBatches(redis.url, run.session.id)
      const victimId = `:${victim?.pid}`
      const lost = batches.find((b) => b.worker.endsWith(victimId))?.shard
      const handedOn = batches.filter((b) => b.shard === lost && b.attempt === 2)
      expect(handedOn.length).toBeGreaterThan(0)
      expect(handedOn.every((b) => !b.worker.endsWith(victimId))).toBe(true)
      for (const [account, workers] of await workersByAccount(run.session.id))
        expect(workers.size, account).toBeLessThanOrEqual(2)
    } finally {
      await run.close()
    }
  })
})

describe('pause and resume of a distributed run', () => {
  it('reach every worker, and a shard taken while paused starts paused: no account sends until resume, then it completes', async () => {
    const txs = 4_000
    // Two workers for three shards: the third waits for a worker until one is started below.
    const run = startDistributedRun(
      testNode.node,
      redis.url,
      { txs, accounts: 30, mining: 'engine', concurrency: 300, rate: 1_500 },
      { workers: 2, shards: 3 },
    )
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
    let late: LocalWorkers | undefined
    try {
      while (run.session.model.counts().mined < 600) await sleep(50)
      expect(run.session.pause()).toBe(true)
      while (run.session.model.state.status !== 'paused') await sleep(50)
      late = startLocalWorkers(1, redis.url, run.dataDir)
      // The late shard's own answer, read from its batches in Redis: the pause it found, not "running".
      const lateSaid = async () =>
        (await streamBatches(redis.url, run.session.id))
          .filter((b) => b.shard === 2)
          .flatMap((b) => b.events.flatMap((e) => (e.type === 'status' ? [e.status] : [])))
          .filter((st) => st === 'running' || st === 'paused')
      while (!(await lateSaid()).length) await sleep(100)
      expect((await lateSaid())[0]).toBe('paused')
      while (run.session.accounts().length < 30) await sleep(50)
      expect(run.session.model.state.status).toBe('paused')
      // The chain's word: every account's pending nonce (what the node holds from it) stays put.
      const accounts = run.session.accounts().map((a) => a.address)
      const pending = async () => {
        let n = 0
        for (const a of accounts) n += await onChainNonce(testNode.node, a, 'pending')
        return n
      }
      const before = await pending()
      await sleep(1_500)
      expect(await pending()).toBe(before)
      expect(before).toBeLessThan(txs)
      expect(run.session.resume()).toBe(true)
      const report = await run.session.done
      expect(report.status).toBe('completed')
      expect(report.counts.mined).toBe(txs)
      expect(report.chainAgrees).toBe(true)
      expect(report.distributed?.shards.map((sh) => sh.attempts.map((at) => at.result))).toEqual([
        ['completed'],
        ['completed'],
        ['completed'],
      ])
    } finally {
      // The run first: its stop lets the late worker finish its shard and leave.
      await run.close()
      await late?.stop()
    }
  })
})

describe('shards that no worker takes', () => {
  it('are warned of, with the command that starts a worker; the run goes on once one is started', async () => {
    const txs = 600
    const run = startDistributedRun(
      testNode.node,
      redis.url,
      { txs, accounts: 4, mining: 'engine' },
      { workers: 0, shards: 2, waitWarnMs: 300 },
    )
    let late: LocalWorkers | undefined
    try {
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
      const waiting = () => run.session.model.state.warnings.find((w) => w.code === 'shards-waiting')
      while (!waiting()) await sleep(50)
      expect(waiting()?.message).toContain('2 of 2 shard(s) have waited')
      expect(waiting()?.hint).toContain(`evm-stress worker --redis ${redis.url}`)
      // Nothing was sent while no worker was there.
      expect(run.session.model.counts().submitted + run.session.model.counts().mined).toBe(0)
      late = startLocalWorkers(1, redis.url, run.dataDir)
      const report = await run.session.done
      expect(report.status).toBe('completed')
      expect(report.counts.mined).toBe(txs)
      expect(report.chainAgrees).toBe(true)
      expect(report.distributed?.shards.map((s) => s.attempts.map((a) => a.result))).toEqual([
        ['completed'],
        ['completed'],
      ])
    } finally {
      // The run first: its stop lets the late worker finish its shard and leave.
      await run.close()
      await late?.stop()
    }
  })
})

describe('a shard whose coordinator is gone', () => {
  it('is refused by the worker that takes it: nobody would merge what it sent', async () => {
    const dataDir = tempDataDir()
    writeFileSync(join(dataDir, 'mnemonic.txt'), `${freshMnemonic()}\n`, { mode: 0o600 })
    const workers = startLocalWorkers(1, redis.url, dataDir)
    const connections = [redisClient(redis.url), redisClient(redis.url)] as const
    const queue = new Queue<ShardJob, string>(shardQueue, { connection: connections[0] })
    const events = new QueueEvents(shardQueue, { connection: connections[1] })
    try {
      await events.waitUntilReady()
      // A job as a coordinator killed before it could take its jobs back leaves it.
      const data: ShardJob = {
        runId: `gone-${Date.now()}`,
        shard: 0,
        attempt: 1,
        rpcUrl: testNode.anvil.rpcUrl,
        config: { txs: 10, accounts: 1 },
        senders: [0],
        txs: [[0, 10]],
        mining: 'engine',
        firstSender: '0x0000000000000000000000000000000000000001',
      }
      const job = await queue.add('shard', data, { jobId: shardJobId(data), attempts: 1 })
      await expect(job.waitUntilFinished(events)).rejects.toThrow('coordinator is gone')
    } finally {
      await workers.stop()
      await Promise.all([queue.close(), events.close()])
      for (const c of connections) c.disconnect()
    }
  })
})
