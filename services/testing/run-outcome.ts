import type { Address } from 'viem'
import type { AccountState } from '../accounts/balance-monitor'
import type { Connection } from '../chain/connection'
import type { EffectiveMining } from '../chain/mining'
import type { NodeInfo } from '../chain/node-info'
import type { NodeMining } from '../chain/node-mining'
import type { Signing } from '../chain/signer'
import type { TestConfig } from '../config/schema'
import type { TxCounts } from '../run-model/counts'
import type { RunStatus } from '../run-model/status'
import type { Findings, ScenarioCheck, SetupSummary, StoredOutcomes } from '../scenarios/types'
import type { RunEventBus } from './events'
import type { PaceStats } from './pace-meter'
import type { RunContext } from './run-context'
import type { RunControl } from './run-control'
import type { EndpointStats } from './send-router'
import type { PlannedTx } from './tx'

/** What a run is given (executor.ts) and what it answers: the engine's boundary, in types. */

export type ExecuteRunParameters = {
  config: TestConfig
  conn: Connection
  node: NodeInfo
  /** The node was started by us for this tool (its mining mode is ours to choose). */
  embedded: boolean
  /** Where the install's mnemonic lives. */
  dataDir: string
  bus: RunEventBus
  control: RunControl
  /** The workload; default: ETH transfers. */
  plan?: Iterable<PlannedTx>
  /** Only these planned txs (by index): the rest of an interrupted run. */
  only?: ReadonlySet<number>
  /** Only these of the resolved senders (by index): a distributed run's shard (docs/distributed.md). */
  senders?: ReadonlySet<number>
  /** Mining chosen and set on the node by the caller (a distributed run's coordinator): not set again. */
  mining?: EffectiveMining
  /** Fund the senders for the whole plan, then return: nothing is sent (the coordinator's part). */
  fundOnly?: boolean
  /**
   * Called before every send with the txs about to go out recorded: the run's store commits them
   * first (write-ahead), so a crash never leaves a sent tx unrecorded.
   */
  beforeSend?: () => void | Promise<void>
  /**
   * The run's planned txs as stored, read at the end for the scenario's checks and findings
   * (ended txs leave memory; the store holds every one). Called once the drain is over.
   */
  stored: () => StoredOutcomes
}

export type SenderOutcome = {
  address: Address
  kind: 'local' | 'node'
  /** Txs of this account that were included (gap fillers too). */
  sent: number
  /** Its pending nonce at the start + `sent`: what the chain must say after the run. */
  expectedNonce: number
  final: AccountState | undefined
}

/** One worker's turn at a shard: finished, or lost (its lock lapsed or its run threw). */
export type ShardAttempt = { attempt: number; worker: string | null; result: 'completed' | 'lost'; reason?: string }

export type DistributedSummary = {
  shards: Array<{ index: number; accounts: number; txs: number; attempts: ShardAttempt[] }>
}

export type RunOutcome = {
  status: Extract<RunStatus, 'completed' | 'stopped' | 'failed'>
  /** Why a run that did run to its end failed (e.g. the chain was reset under it). */
  error?: { code: string; message: string; hint?: string }
  counts: TxCounts
  mining: RunContext['mining']
  /** The node's own mining mode, read at the start of the run. */
  ownMining: NodeMining
  startedAt: number
  senders: SenderOutcome[]
  gapFills: number
  /** Per send endpoint (rpcUrls); [] without them. */
  endpoints: EndpointStats[]
  /** How txs were signed: the library, and how many in the signing workers (signWorkers). */
  signing: Signing
  /** Where the sending phase's time went; absent when the run ended before sending began. */
  pace: PaceStats | undefined
  /** A distributed run's shards and who ran them (docs/distributed.md#report); absent in one process. */
  distributed?: DistributedSummary
  scenario: {
    name: string
    contracts: Record<string, Address>
    checks: ScenarioCheck[]
    findings: Findings
    setup?: SetupSummary
  }
}
