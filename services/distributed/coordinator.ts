import { type Job, Queue, QueueEvents, Worker } from 'bullmq'
import { type Address, hexToBigInt } from 'viem'
import type { AccountState } from '../accounts/balance-monitor'
import { getBalances } from '../accounts/funding'
import { applyMining, chooseMining } from '../chain/mining'
import type { NodeInfo } from '../chain/node-info'
import { readNodeMining, unknownMining } from '../chain/node-mining'
import { signerBackend } from '../chain/signer'
import { publicConfig } from '../config/parse'
import type { TestConfig, TestConfigInput } from '../config/schema'
import { ConfigError } from '../errors/base'
import { announceMining } from '../testing/announce-mining'
import { executeRun } from '../testing/executor'
import type { DistributedSummary, ExecuteRunParameters, RunOutcome } from '../testing/run-outcome'
import { createMerge } from './merge'
import { mergeOutcomes } from './merge-outcomes'
import {
  controlChannel,
  controlKey,
  coordinatorBeatMs,
  coordinatorGoneMs,
  coordinatorKey,
  eventStream,
  heartbeatTimeoutMs,
  keepKeysSeconds,
  maxShardAttempts,
  shardQueue,
  shardWaitWarnMs,
  stalledCheckMs,
} from './names'
import { redisClient } from './redis-client'
import { settleLost } from './settle-lost'
import { type ShardJob, shardJobId } from './shard-job'
import { planShards, rangeSize, type Shard, toRanges, txIndexes } from './shards'
import { startStreamReader } from './stream-reader'
import { warnWhileShardsWait } from './waiting-shards'
import { decodeWire } from './wire'

export const lossPolicies = ['reassign', 'cancel'] as const
export type LossPolicy = (typeof lossPolicies)[number]

export type DistributedOptions = {
  redisUrl: string
  /** Shards to cut the run into: one per worker you run (at most one per account). */
  shards: number
  runId: string
  /** A lost worker's unsent txs: handed to another worker, or cancelled. */
  onLoss: LossPolicy
  /** Shards still waiting for a worker this long after they were queued are warned of (default shardWaitWarnMs). */
  waitWarnMs?: number
}

/**
 * A run executed by workers (docs/distributed.md): the coordinator sets the node's mining and funds
 * every sender, cuts the run into account shards handed out as BullMQ jobs, merges the workers'
 * event streams into its own bus, settles a lost worker's txs from the chain and hands on the
 * rest, and answers one outcome. It has executeRun's shape, so a run session runs it the same way.
 */
export function distributedExecute(o: DistributedOptions) {
  return (p: ExecuteRunParameters) => runDistributed(p, o)
}

async function runDistributed(p: ExecuteRunParameters, o: DistributedOptions): Promise<RunOutcome> {
  const { config, conn, bus, control } = p
  refuseUndistributable(config, p)
  const startedAt = Date.now()
  bus.emit('event', { type: 'status', at: startedAt, status: 'preparing' })
  const node: NodeInfo = { ...p.node, ownMining: p.node.isAnvil ? await readNodeMining(conn) : unknownMining }
  const mining = chooseMining(config, node, p.embedded)
  announceMining(bus, config, node, mining)
  const restoreMining = await applyMining(conn, node, mining, config.blockTime)
  const redis = redisClient(o.redisUrl)
  const blocking = redis.duplicate()
  const queue = new Queue<ShardJob, string>(shardQueue, { connection: redis })
  // BullMQ leaves connections it was given open: each is closed in the end.
  const eventsConnection = redisClient(o.redisUrl)
  const watchConnection = redisClient(o.redisUrl)
  const queueEvents = new QueueEvents(shardQueue, { connection: eventsConnection })
  // Finds a dead worker's shard even when no other worker is left to look (BullMQ's stalled check).
  const watcher = new Worker(shardQueue, null, {
    connection: watchConnection,
    autorun: false,
    lockDuration: heartbeatTimeoutMs,
    stalledInterval: stalledCheckMs,
    maxStalledCount: 0,
  })
  const stream = eventStream(o.runId)
  const unlisten = control.onRequest((r) => {
    void redis
      .set(controlKey(o.runId), r, 'EX', keepKeysSeconds)
      .then(() => redis.publish(controlChannel(o.runId), r))
      .catch(() => undefined)
  })
  let reader: ReturnType<typeof startStreamReader> | undefined
  let stopWaitWarning = () => {}
  /** Each shard's current job: the waiting check reads their states, and the end takes back those still queued. */
  const jobs = new Map<number, Job>()
  const beat = () => redis.set(coordinatorKey(o.runId), '1', 'PX', coordinatorGoneMs).catch(() => undefined)
  const beating = setInterval(beat, coordinatorBeatMs)
  beating.unref()
  try {
    await Promise.all([queueEvents.waitUntilReady(), watcher.waitUntilReady(), beat()])
    void watcher.startStalledCheckTimer()
    const funded = await executeRun({ ...p, node, mining, fundOnly: true })
    const senders = funded.senders.map((s) => s.address)
    const startNonces = await Promise.all(
      senders.map(async (a) => Number(BigInt(await conn.request('eth_getTransactionCount', [a, 'pending'])))),
    )
    const merge = createMerge(bus, config.txs)
    let readFailures = 0
    reader = startStreamReader(redis, blocking, stream, merge.onBatch, (error) => {
      if (readFailures++ === 0)
        bus.emit('event', {
          type: 'warning',
          at: Date.now(),
          code: 'redis-error',
          message: `Reading the workers' events from Redis failed: ${error instanceof Error ? error.message : String(error)}`,
        })
    })
    const streamReader = reader
    const jobConfig = {
      ...publicConfig(config),
      funding: 'none' as const,
      topUp: false,
      forkUrl: undefined,
      forkBlock: undefined,
    }
    const shards = planShards(senders.length, config.txs, o.shards)
    const first = senders[0] as Address

    const summary: DistributedSummary = {
      shards: shards.map((s) => ({ index: s.index, accounts: s.senders.length, txs: rangeSize(s.txs), attempts: [] })),
    }
    async function drive(shard: Shard): Promise<RunOutcome | undefined> {
      let txs = shard.txs
      const attempts = summary.shards[shard.index]?.attempts ?? []
      const shardSenders = shard.senders.map((i) => senders[i] as Address)
      for (let attempt = 1; ; attempt++) {
        const data: ShardJob = {
          runId: o.runId,
          shard: shard.index,
          attempt,
          rpcUrl: conn.url,
          config: shareOf(jobConfig, rangeSize(shard.txs) / config.txs),
          senders: shard.senders,
          txs,
          mining,
          firstSender: first,
        }
        merge.begin(shard.index, attempt)
        const job = await queue.add('shard', data, {
          jobId: shardJobId(data),
          attempts: 1,
          removeOnComplete: { age: keepKeysSeconds },
          removeOnFail: { age: keepKeysSeconds },
        })
        jobs.set(shard.index, job)
        try {
          const answer = await job.waitUntilFinished(queueEvents)
          await streamReader.caughtUp()
          merge.end(shard.index)
          attempts.push({ attempt, worker: merge.workerOf(shard.index, attempt), result: 'completed' })
          return decodeWire<RunOutcome>(answer)
        } catch (error) {
          // Lost: its worker stopped answering (its lock ran out) or its run threw.
          await streamReader.caughtUp()
          merge.end(shard.index)
          const indexes = txIndexes(txs)
          const open = merge.openOf(indexes)
          const lost = await settleLost({ conn, node, open, senders: shardSenders, waitMs: config.inclusionTimeoutMs })
          for (const e of lost.settled) merge.settle(e)
          const rest = [...merge.unseen(indexes), ...lost.free]
          const reason = (error instanceof Error ? error.message.split('\n')[0] : String(error)) ?? 'lost'
          attempts.push({ attempt, worker: merge.workerOf(shard.index, attempt), result: 'lost', reason })
          const handOn = rest.length > 0 && o.onLoss === 'reassign' && attempt < maxShardAttempts && !control.stopping
          bus.emit('event', {
            type: 'warning',
            at: Date.now(),
            code: 'worker-lost',
            message: `Shard ${shard.index}'s worker was lost (${reason}): ${lost.settled.length} open tx(s) settled from the chain, ${rest.length} unsent ${handOn ? 'handed to another worker' : 'cancelled'}.`,
            hint: "See the worker's own log; its accounts stay with this shard, so no nonce is used twice.",
          })
          if (!handOn) {
            const at = Date.now()
            const openBy = new Map(open.map((e) => [e.idx, e]))
            const error = { kind: 'unknown' as const, message: `Not sent: its worker was lost (${reason})` }
            for (const idx of rest) {
              const known = openBy.get(idx)
              // Never heard of: no sender was picked for it; the shard's first account holds its row.
              merge.settle(
                known
                  ? { ...known, at, prev: known.state, state: 'cancelled', error }
                  : {
                      type: 'tx',
                      at,
                      idx,
                      state: 'cancelled',
                      prev: 'planned',
                      role: 'planned',
                      label: 'not sent',
                      from: shardSenders[0] as Address,
                      gas: 0n,
                      attempt: 0,
                      error,
                    },
              )
            }
            return undefined
          }
          txs = toRanges(rest)
        }
      }
    }

    const results = Promise.all(shards.map(async (s) => ({ shard: s.index, outcome: await drive(s) })))
    stopWaitWarning = warnWhileShardsWait({
      bus,
      jobs,
      shards: shards.length,
      redisUrl: o.redisUrl,
      afterMs: o.waitWarnMs ?? shardWaitWarnMs,
    })
    const outcomes = await results
    await streamReader.stop()
    merge.flushBlocks()
    const done = outcomes.filter((r): r is { shard: number; outcome: RunOutcome } => r.outcome !== undefined)
    const merged = mergeOutcomes(done)
    const finals = await readAccounts(p, senders, merged.lastErrors)
    const failed = done.find((r) => r.outcome.status === 'failed')
    return {
      status: failed ? 'failed' : control.stopping ? 'stopped' : 'completed',
      ...(failed?.outcome.error && {
        error: { ...failed.outcome.error, message: `shard ${failed.shard}: ${failed.outcome.error.message}` },
      }),
      counts: merged.counts,
      mining,
      ownMining: node.ownMining,
      startedAt,
      senders: funded.senders.map((s, i) => {
        const sent = merge.includedBy(s.address)
        return { ...s, sent, expectedNonce: (startNonces[i] ?? 0) + sent, final: finals[i] }
      }),
      gapFills: merge.gapFills,
      endpoints: merged.endpoints,
      signing: { backend: signerBackend, workers: config.signWorkers, signedInWorkers: merged.signedInWorkers },
      pace: merged.pace,
      scenario: merged.scenario,
      distributed: summary,
    }
  } finally {
    stopWaitWarning()
    clearInterval(beating)
    // Shards no worker took (the run stopped or threw first) must not be taken by a later worker.
    await Promise.all([...jobs.values()].map((j) => j.remove().catch(() => undefined)))
    await redis.del(coordinatorKey(o.runId)).catch(() => undefined)
    unlisten()
    await reader?.stop().catch(() => undefined)
    await Promise.all([queue.close(), queueEvents.close(), watcher.close()]).catch(() => undefined)
    await redis.expire(stream, keepKeysSeconds).catch(() => undefined)
    for (const c of [redis, blocking, eventsConnection, watchConnection]) c.disconnect()
    await restoreMining().catch(() => undefined)
  }
}

/**
 * A shard's config: the run's rate and window are the run's in all, so each shard takes its share
 * of them (in proportion to its txs), as one engine would have spread them.
 */
function shareOf(c: TestConfigInput, share: number): TestConfigInput {
  const part = (n: number | undefined) => (n === undefined ? undefined : Math.max(1, Math.round(n * share)))
  return {
    ...c,
    ...(c.rate !== undefined && { rate: Math.max(Number.MIN_VALUE, c.rate * share) }),
    ...(c.concurrency !== undefined && { concurrency: part(c.concurrency) }),
    ...(c.stages && {
      stages: c.stages.map((st) => ({
        ...st,
        ...(st.rate !== undefined && { rate: st.rate * share }),
        ...(st.concurrency !== undefined && { concurrency: part(st.concurrency) }),
      })),
    }),
  }
}

async function readAccounts(
  p: ExecuteRunParameters,
  senders: readonly Address[],
  lastErrors: ReadonlyMap<string, string | null>,
): Promise<AccountState[]> {
  const [nonces, balances] = await Promise.all([
    Promise.all(senders.map((a) => p.conn.request('eth_getTransactionCount', [a, 'latest']))),
    getBalances(p.conn, senders),
  ])
  return senders.map((address, i) => {
    const onChainNonce = Number(hexToBigInt(nonces[i] ?? '0x0'))
    return {
      address,
      balanceWei: balances[i] ?? 0n,
      localNonce: onChainNonce,
      onChainNonce,
      inFlight: 0,
      low: false,
      lastError: lastErrors.get(address.toLowerCase()) ?? null,
    }
  })
}

/**
 * What a distributed run cannot do yet, each named before anything is sent (the CLI asks before it
 * starts a node; docs/distributed.md#limits).
 */
export function refuseUndistributable(c: TestConfig, code: { plan?: unknown; only?: unknown } = {}) {
  const issues: Array<{ field: string; message: string }> = []
  if (c.privateKeys || c.mnemonic)
    issues.push({
      field: c.privateKeys ? 'privateKeys' : 'mnemonic',
      message: "is not sent to workers: a distributed run's workers derive the accounts from the install's mnemonic",
    })
  if (c.mode === 'multi-user')
    issues.push({ field: 'mode', message: 'multi-user journeys fix their senders; distributed runs shard by account' })
  if (c.topUp) issues.push({ field: 'topUp', message: 'needs the funder in every worker; the coordinator funds once' })
  if (code.plan) issues.push({ field: 'plan', message: 'a plan built in code cannot be sent to other processes' })
  if (code.only) issues.push({ field: 'only', message: 'continuing a run is not distributed' })
  if (issues.length)
    throw new ConfigError(issues, {
      hint: 'Run it in one process (leave --workers out), or change the fields named (docs/distributed.md#limits).',
    })
}
