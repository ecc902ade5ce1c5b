import { hexToBigInt } from 'viem'
import { type AccountState, startBalanceMonitor } from '../accounts/balance-monitor'
import { createLowBalanceWarner } from '../accounts/low-balance-warning'
import { prepareSenders } from '../accounts/prepare-senders'
import { latestBlock } from '../chain/block-reads'
import { guardChain } from '../chain/chain-guard'
import { transientKinds } from '../chain/connection'
import { applyMining, chooseMining } from '../chain/mining'
import type { NodeInfo } from '../chain/node-info'
import { readInstanceId } from '../chain/node-instance'
import { readNodeMining, unknownMining } from '../chain/node-mining'
import { createSignPool } from '../chain/sign-pool'
import { signDigest, signerBackend } from '../chain/signer'
import { ConfigError } from '../errors/base'
import { classifyError } from '../errors/classify'
import type { RunStatus } from '../run-model/status'
import { planScenario, scenarioFor } from '../scenarios'
import type { PreparedScenario, Scenario } from '../scenarios/types'
import { announceMining } from './announce-mining'
import { applyInclusion } from './apply-inclusion'
import { createDispatcher } from './dispatcher'
import { drain } from './drain'
import { createFeeProvider } from './fees'
import { fundedOnly } from './funded-only'
import { createInclusionTracker } from './inclusion-tracker'
import { createLedger } from './ledger'
import { startNodeWatch } from './node-watch'
import { createNonceManager } from './nonce-manager'
import { createNotifier } from './notifier'
import { createPaceMeter, type PaceStats } from './pace-meter'
import { createWorkSource } from './plan'
import { startReplacer } from './replacer'
import { createRetryQueue } from './retry-queue'
import type { RunContext } from './run-context'
import type { ExecuteRunParameters, RunOutcome } from './run-outcome'
import { runConcurrent } from './schedulers/concurrent'
import { runMultiUser } from './schedulers/multi-user'
import { runSequential } from './schedulers/sequential'
import { createSendGate } from './send-gate'
import { checkEndpoints, createSendRouter } from './send-router'
import { createRotation } from './sender-rotation'
import { startStuckWatchdog } from './stuck-watchdog'
import type { PlannedTx } from './tx'
import { prepareTxKinds } from './tx-kinds'

function* onlyThese(plan: Iterable<PlannedTx>, only: ReadonlySet<number>): Generator<PlannedTx> {
  for (const tx of plan) if (only.has(tx.idx)) yield tx
}

const schedulers = { sequential: runSequential, concurrent: runConcurrent, 'multi-user': runMultiUser }

/**
 * Runs one test to its end: set mining, resolve and fund senders, read nonces and fees, send by
 * the chosen mode while following blocks, then drain so every planned tx has exactly one
 * terminal state. Everything it learns is emitted on `bus`; it never calls its consumers.
 */
export async function executeRun(p: ExecuteRunParameters): Promise<RunOutcome> {
  const { config, conn, bus } = p
  const startedAt = Date.now()
  bus.emit('event', { type: 'status', at: startedAt, status: 'preparing' })

  // Read again now: the node may have been switched since it was opened (a server keeps it open).
  const node: NodeInfo = { ...p.node, ownMining: p.node.isAnvil ? await readNodeMining(conn) : unknownMining }
  // A distributed run's coordinator set the node's mining once for all its workers.
  const mining = p.mining ?? chooseMining(config, node, p.embedded)
  if (!p.mining) announceMining(bus, config, node, mining)
  const restoreMining = p.mining ? async () => {} : await applyMining(conn, node, mining, config.blockTime)
  const gate = createSendGate()
  const mine = mining === 'engine' ? () => gate.exclusive(() => conn.request('evm_mine')) : undefined
  const fees = createFeeProvider(conn, config)
  await fees.init()
  await checkEndpoints(config, node.chainId)
  if (config.signWorkers > 0 && signerBackend !== 'libsecp256k1')
    throw new ConfigError([{ field: 'signWorkers', message: 'needs the secp256k1 addon, which did not load here' }], {
      hint: 'Leave signWorkers at 0: the engine signs on its own thread with the JS signer.',
    })
  const kinds = await prepareTxKinds(config, conn, node)
  const scenario = p.plan ? planScenario(p.plan) : scenarioFor(config)
  const full = scenario.shape(config, node)
  // Funding assumes every tx may be the costliest type of the mix.
  const costOf = (gas: bigint) => fees.maxGasCost(gas + kinds.maxExtraGas) + kinds.extraWeiPerTx
  guardChain(node, config.allowNonDevChain, BigInt(full.planned) * (costOf(full.gasPerTx) + full.valuePerTx))
  const shape = p.only ? { ...full, planned: p.only.size } : full
  if (shape.planned !== config.txs)
    bus.emit('event', { type: 'planned', at: Date.now(), planned: shape.planned, reason: `the ${scenario.name} plan` })
  let prepared: Awaited<ReturnType<typeof prepareSenders>> | undefined
  try {
    prepared = await prepareSenders({
      config,
      conn,
      node,
      dataDir: p.dataDir,
      fees,
      perTx: costOf(shape.gasPerTx) + shape.valuePerTx,
      planned: shape.planned,
      ...(shape.setupPerSender && {
        setupWei: BigInt(shape.setupPerSender.txs) * costOf(shape.gasPerTx) + shape.setupPerSender.value,
      }),
      bus,
      mine,
      pick: p.senders,
    })
    // The coordinator of a distributed run funds every shard's senders first, then its workers run.
    if (p.fundOnly) return fundedOnly(mining, node, startedAt, prepared.senders)
    const made = await scenario.setup({ config, conn, node, senders: prepared.senders, fees: fees.get(), bus, mine })
    const setup = p.only ? { ...made, plan: onlyThese(made.plan, p.only) } : made
    kinds.bind({ contracts: made.contracts ?? {}, senders: prepared.senders.map((x) => x.address) })
    return await send(
      { ...p, node },
      { mining, gate, fees, kinds, prepared, startedAt, scenario, setup, planned: shape.planned },
    )
  } finally {
    // A node that is gone must not turn a finished run into a lost report.
    await prepared?.release().catch(() => undefined)
    await restoreMining().catch(() => undefined)
  }
}

type Prepared = {
  mining: RunContext['mining']
  gate: RunContext['gate']
  fees: RunContext['fees']
  kinds: RunContext['kinds']
  prepared: Awaited<ReturnType<typeof prepareSenders>>
  startedAt: number
  scenario: Scenario
  setup: PreparedScenario
  planned: number
}

async function send(p: ExecuteRunParameters, s: Prepared): Promise<RunOutcome> {
  const { config, conn, node, bus, control } = p
  const senders = s.prepared.senders.map((x) => x.address)
  const notifier = createNotifier()
  const nonces = createNonceManager({
    fetchPending: async (a) => Number(BigInt(await conn.request('eth_getTransactionCount', [a, 'pending']))),
  })
  await nonces.init(senders)
  const startNonces = new Map(senders.map((a) => [a.toLowerCase(), nonces.peekNext(a)]))
  const ledger = createLedger(bus, s.planned)
  const router = createSendRouter({ config, conn, bus })
  const pool = config.signWorkers > 0 ? createSignPool(config.signWorkers) : undefined
  const [head, instance] = await Promise.all([latestBlock(conn), readInstanceId(conn)])
  const startBlock = hexToBigInt(head.number)
  const lowBalance = createLowBalanceWarner({
    bus,
    perTxWei: s.prepared.perTx,
    need: s.prepared.need,
    topUp: s.prepared.topUp !== undefined,
  })
  const lastErrors = new Map<string, string>()
  bus.on('event', (e) => {
    if (e.type === 'tx') notifier.notify()
    if (e.type === 'error' && e.from) lastErrors.set(e.from.toLowerCase(), `${e.error.message}: ${e.error.raw ?? ''}`)
  })

  const ctx: RunContext = {
    config,
    conn,
    node,
    mining: s.mining,
    bus,
    ledger,
    nonces,
    fees: s.fees,
    kinds: s.kinds,
    router,
    signDigest: pool ? pool.sign : signDigest,
    control,
    notifier,
    pace: createPaceMeter(),
    gate: s.gate,
    retries: createRetryQueue(),
    signers: new Map(s.prepared.senders.map((x) => [x.address.toLowerCase(), x])),
    senders,
    rotation: createRotation(senders, config.rotation, (a) => ledger.openOf(a)),
    topUp: s.prepared.topUp,
    lowBalance,
    byHash: ledger.byHash,
    sending: new Map(),
    decodeRevert: s.setup.decodeRevert,
    replays: { count: 0, pending: new Set() },
    start: { block: startBlock, instance },
    tracker: createInclusionTracker({
      conn,
      fromBlock: startBlock,
      fromHash: head.hash,
      onInclusion: (inc) => applyInclusion(ctx, inc),
      onBlock: (b) => {
        if (b.baseFeePerGas !== undefined) s.fees.follow(b.baseFeePerGas)
        bus.emit('event', { type: 'block', at: b.seenAt, ...b })
      },
      onPoll: () => watch.ok(),
      onRewind: () => watch.rewound(),
      onHole: (n) =>
        bus.emit('event', {
          type: 'warning',
          at: Date.now(),
          code: 'block-missing',
          message: `Block ${n} is below the node's head but the node does not return it: passing over it (its txs are settled by their nonces).`,
          hint: "The node's chain is inconsistent (seen on Anvil after evm_revert while it was mining); check the node.",
        }),
      onError: (error, failedPolls) => {
        // A node that says no (an answer too large, a bad block) is not a node that is down.
        if (!transientKinds.has(classifyError(error).kind)) return watch.unreadable(error, failedPolls)
        // Once per streak of failed reads: a node that is down fails every poll.
        if (!watch.failure()) return
        bus.emit('event', {
          type: 'warning',
          at: Date.now(),
          code: 'tracker-error',
          message: `Reading blocks failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        })
      },
    }),
    chainReset: () => watch.chainReset,
    nodeLost: () => watch.nodeLost,
    beforeSend: p.beforeSend ?? (() => {}),
  }
  const watch = startNodeWatch(ctx)
  const dispatcher = createDispatcher(ctx)
  const work = createWorkSource(s.setup.plan[Symbol.iterator]())
  const lowBelow = config.lowBalanceWei ?? s.prepared.perTx * 5n
  const monitor = startBalanceMonitor({
    conn,
    bus,
    senders,
    lowBelow: () => lowBelow,
    localNonce: (a) => nonces.peekNext(a),
    inFlight: (a) => ledger.openOf(a),
    lastError: (a) => lastErrors.get(a.toLowerCase()) ?? null,
    lowBalance,
    topUp: s.prepared.topUp,
  })

  ctx.tracker.start()
  const stopWatchdog = startStuckWatchdog(ctx)
  const stopReplacer = startReplacer(ctx)
  let final: AccountState[] = []
  let pace: PaceStats | undefined
  // The user's controls are requests; the engine's status event is the answer, once it holds
  // (docs/architecture.md#run-control): "paused" when no send can start and none is on its way.
  const answer = (status: RunStatus) => bus.emit('event', { type: 'status', at: Date.now(), status })
  let sending = true
  let saidPaused = false
  const unlisten = control.onRequest((r) => {
    if (!sending) return
    if (r === 'pause')
      void dispatcher.whenNoSendOutstanding().then(() => {
        if (!sending || !control.userPaused || saidPaused) return
        saidPaused = true
        answer('paused')
      })
    else if (r === 'resume' && saidPaused) {
      saidPaused = false
      // Still held for the node: the node watch says "running" once it answers again.
      if (control.state === 'running') answer('running')
    }
  })
  try {
    // Paused before it could answer (a distributed shard taken after the user paused, a pause that
    // reached a worker while it prepared): it starts paused, and says so rather than "running".
    if (control.userPaused) {
      saidPaused = true
      answer('paused')
    } else answer('running')
    ctx.pace.begin()
    await schedulers[config.mode](ctx, dispatcher, work, s.planned)
    pace = ctx.pace.end()
    sending = false
    answer('draining')
    await drain(ctx, dispatcher, work)
  } finally {
    unlisten()
    watch.stop()
    stopWatchdog()
    stopReplacer()
    await ctx.tracker.stop()
    final = await monitor.final().catch(() => [])
    await router.close()
    await pool?.close()
  }

  const finalBy = new Map(final.map((a) => [a.address.toLowerCase(), a]))
  const reset = watch.chainReset
  const lost = watch.nodeLost
  const unreadable = watch.blocksUnreadable
  // Ended txs are no longer in memory: the scenario reads them back from the store.
  const stored = p.stored()
  // A chain that is gone or changed has nothing true to say about the scenario's state.
  const checks = s.setup.verify && !reset && !lost ? await s.setup.verify(stored.mined) : []
  const findings =
    s.setup.findings && !lost ? await s.setup.findings({ txs: stored.txs, blockGasLimit: node.blockGasLimit }) : {}
  return {
    status: reset || lost || unreadable ? 'failed' : control.stopping ? 'stopped' : 'completed',
    error: reset
      ? {
          code: 'CHAIN_RESET',
          message: `The node's chain was reset mid-run: ${reset}`,
          hint: 'Every open tx was dropped with the old chain and the rest cancelled; start the run again.',
        }
      : lost
        ? {
            code: 'NODE_LOST',
            message: `The node was lost mid-run: ${lost}`,
            hint: 'Txs never sent were cancelled and those sent are unconfirmed; restart the node and run again (raise nodeLostAfterMs to wait longer).',
          }
        : unreadable
          ? {
              code: 'BLOCKS_UNREADABLE',
              message: `The node's blocks could not be read: ${unreadable}`,
              hint: 'The run stopped sending and settled its txs from the chain; check the node (or a proxy that limits answers) and run again.',
            }
          : undefined,
    counts: { ...ledger.counts },
    mining: s.mining,
    ownMining: node.ownMining,
    startedAt: s.startedAt,
    senders: s.prepared.senders.map(({ address, kind }) => {
      const key = address.toLowerCase()
      const sent = ledger.nonceUsedBy(key)
      return { address, kind, sent, expectedNonce: (startNonces.get(key) ?? 0) + sent, final: finalBy.get(key) }
    }),
    gapFills: ledger.gapFills,
    endpoints: router.stats(),
    signing: { backend: signerBackend, workers: config.signWorkers, signedInWorkers: pool?.signed ?? 0 },
    pace,
    scenario: {
      name: s.scenario.name,
      contracts: s.setup.contracts ?? {},
      checks,
      findings,
      ...(s.setup.setup && { setup: s.setup.setup }),
    },
  }
}
