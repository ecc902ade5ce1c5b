import type { Address, Hex } from 'viem'
import type { SenderAccount } from '../accounts/derive'
import { ensureFunded } from '../accounts/fund'
import type { Connection } from '../chain/connection'
import { applyMining, chooseMining } from '../chain/mining'
import type { NodeInfo } from '../chain/node-info'
import type { TestConfig } from '../config/schema'
import { createDispatcher } from './dispatcher'
import { drain } from './drain'
import type { RunEventBus, RunStatus } from './events'
import { createFeeProvider } from './fees'
import { createInclusionTracker } from './inclusion-tracker'
import { createLedger, type TxCounts } from './ledger'
import { createNonceManager } from './nonce-manager'
import { createNotifier } from './notifier'
import { createWorkSource, planTransfers } from './plan'
import { createRetryQueue } from './retry-queue'
import type { RunContext } from './run-context'
import type { RunControl } from './run-control'
import { runConcurrent } from './schedulers/concurrent'
import { runMultiUser } from './schedulers/multi-user'
import { runSequential } from './schedulers/sequential'
import { createSendGate } from './send-gate'
import { startStuckWatchdog } from './stuck-watchdog'
import type { PlannedTx } from './tx'

export type ExecuteRunParameters = {
  config: TestConfig
  conn: Connection
  node: NodeInfo
  /** The node was started by us for this tool (its mining mode is ours to choose). */
  embedded: boolean
  senders: SenderAccount[]
  bus: RunEventBus
  control: RunControl
  /** The workload; default: ETH transfers. */
  plan?: Iterable<PlannedTx>
}

export type RunOutcome = {
  status: Extract<RunStatus, 'completed' | 'stopped'>
  counts: TxCounts
  mining: RunContext['mining']
  startedAt: number
  endedAt: number
  /** Per sender: txs it sent that reached the node, and its final nonce as we expect it on chain. */
  senders: { address: Address; sent: number; expectedNonce: number }[]
  gapFills: number
}

const schedulers = { sequential: runSequential, concurrent: runConcurrent, 'multi-user': runMultiUser }

/**
 * Runs one test to its end: set mining, fund senders, read nonces and fees, send by the chosen
 * mode while following blocks, then drain so every planned tx has exactly one terminal state.
 * Everything it learns is emitted on `bus`; it never calls its consumers.
 */
export async function executeRun(p: ExecuteRunParameters): Promise<RunOutcome> {
  const { config, conn, node, bus, control } = p
  const status = (s: RunStatus, message?: string) =>
    bus.emit('event', { type: 'status', at: Date.now(), status: s, message })
  const startedAt = Date.now()
  status('preparing')

  const mining = chooseMining(config, node, p.embedded)
  const restoreMining = await applyMining(conn, node, mining, config.blockTime)
  const senders = p.senders.map((s) => s.address)
  const notifier = createNotifier()
  const fees = createFeeProvider(conn, config)
  const nonces = createNonceManager({
    fetchPending: async (a) => Number(BigInt((await conn.request('eth_getTransactionCount', [a, 'pending'])) as Hex)),
  })
  await fees.init()
  const perSender = Math.ceil(config.txs / senders.length)
  await ensureFunded(
    conn,
    node,
    senders.map((address) => ({
      address,
      need: BigInt(perSender) * (fees.maxGasCost(config.gasLimit ?? 21_000n) + config.value),
    })),
    config.fundWith,
  )
  await nonces.init(senders)
  const startNonces = new Map(senders.map((a) => [a.toLowerCase(), nonces.peekNext(a)]))

  const ledger = createLedger(bus, config.txs)
  bus.on('event', (e) => {
    if (e.type === 'tx') notifier.notify()
  })
  const ctx: RunContext = {
    config,
    conn,
    node,
    mining,
    bus,
    ledger,
    nonces,
    fees,
    control,
    notifier,
    gate: createSendGate(),
    retries: createRetryQueue(),
    keys: new Map(p.senders.map((s) => [s.address.toLowerCase(), s.privateKey])),
    senders,
    byHash: new Map(),
    sending: new Map(),
    tracker: undefined as unknown as RunContext['tracker'],
  }
  ctx.tracker = createInclusionTracker({
    conn,
    fromBlock: BigInt((await conn.request('eth_blockNumber')) as Hex),
    onInclusion: (inc) => {
      const r = ctx.byHash.get(inc.hash)
      if (!r) return
      ledger.move(r, inc.status === 'success' ? 'mined' : 'reverted', {
        includedAt: inc.seenAt,
        blockNumber: inc.blockNumber,
        gasUsed: inc.gasUsed,
        effectiveGasPrice: inc.effectiveGasPrice,
      })
    },
    onBlock: (b) => bus.emit('event', { type: 'block', at: b.seenAt, ...b }),
    onError: (error) =>
      bus.emit('event', {
        type: 'warning',
        at: Date.now(),
        code: 'tracker-error',
        message: `Reading blocks failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      }),
  })
  const dispatcher = createDispatcher(ctx)
  const work = createWorkSource((p.plan ?? planTransfers(config))[Symbol.iterator]())

  ctx.tracker.start()
  const stopWatchdog = startStuckWatchdog(ctx)
  try {
    status('running')
    await schedulers[config.mode](ctx, dispatcher, work)
    status('draining')
    await drain(ctx, dispatcher, work)
  } finally {
    stopWatchdog()
    await ctx.tracker.stop()
    await restoreMining()
  }

  const sentBy = new Map<string, number>()
  for (const r of [...ledger.records.values(), ...ledger.fillers])
    if (r.state === 'mined' || r.state === 'reverted')
      sentBy.set(r.from.toLowerCase(), (sentBy.get(r.from.toLowerCase()) ?? 0) + 1)
  return {
    status: control.stopping ? 'stopped' : 'completed',
    counts: { ...ledger.counts },
    mining,
    startedAt,
    endedAt: Date.now(),
    senders: senders.map((address) => {
      const sent = sentBy.get(address.toLowerCase()) ?? 0
      return { address, sent, expectedNonce: (startNonces.get(address.toLowerCase()) ?? 0) + sent }
    }),
    gapFills: ledger.fillers.length,
  }
}
