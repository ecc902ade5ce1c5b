import type { Address, Hex } from 'viem'
import type { LowBalanceWarner } from '../accounts/low-balance-warning'
import type { Sender } from '../accounts/sender'
import type { Connection } from '../chain/connection'
import type { EffectiveMining } from '../chain/mining'
import type { NodeInfo } from '../chain/node-info'
import type { signDigest } from '../chain/signer'
import type { TestConfig } from '../config/schema'
import type { RunEventBus } from './events'
import type { FeeProvider } from './fees'
import type { InclusionTracker } from './inclusion-tracker'
import type { Ledger } from './ledger'
import type { NonceManager } from './nonce-manager'
import type { Notifier } from './notifier'
import type { PaceMeter } from './pace-meter'
import type { RetryQueue } from './retry-queue'
import type { RunControl } from './run-control'
import type { SendGate } from './send-gate'
import type { SendRouter } from './send-router'
import type { Rotation } from './sender-rotation'
import type { TxErrorInfo, TxRecord } from './tx'
import type { TxKinds } from './tx-kinds'

/** Everything one run's parts share. Built by the executor, never by consumers. */
export type RunContext = {
  config: TestConfig
  conn: Connection
  node: NodeInfo
  mining: EffectiveMining
  bus: RunEventBus
  ledger: Ledger
  nonces: NonceManager
  tracker: InclusionTracker
  /** The head when sending began, and the node's instance then (Anvil's; absent elsewhere). */
  start: { block: bigint; instance: Hex | undefined }
  fees: FeeProvider
  /** Signs a tx's digest: on this thread, or in the run's signing workers (signWorkers). */
  signDigest: typeof signDigest
  /** Where txs are sent: the node, or the run's send endpoints by its policy. */
  router: SendRouter
  /** The run's transaction types: which one each tx is, and the fields it adds. */
  kinds: TxKinds
  gate: SendGate
  control: RunControl
  /** Where the send loop's time goes (the report's `limit`). */
  pace: PaceMeter
  /** Woken by every tx state change: loops wait on it instead of sleeping blindly. */
  notifier: Notifier
  retries: RetryQueue
  /** Lower-case address → sender (with its key, if local). Server memory only. */
  signers: Map<string, Sender>
  rotation: Rotation
  /** Refill a sender (topUp on): lets "insufficient funds" be retried instead of failing. */
  topUp: ((address: Address) => Promise<void>) | undefined
  /** The run's one low-balance warning per account (the balance monitor shares it). */
  lowBalance: LowBalanceWarner
  senders: Address[]
  byHash: Map<Hex, TxRecord>
  /** The scenario's decoder for revert data (ABI-aware); absent = raw data. */
  decodeRevert: ((data: Hex | undefined) => TxErrorInfo) | undefined
  /** Write-ahead: the record of what is about to be sent is committed first. */
  beforeSend: () => void | Promise<void>
  /** Set once the node's chain changed under the run: nothing more is sent. */
  chainReset: () => string | undefined
  /** Set once the node stayed silent for nodeLostAfterMs: the run ends. */
  nodeLost: () => string | undefined
  /** Replays of reverted calls under way (the drain waits for them). */
  replays: { count: number; pending: Set<Promise<void>> }
  /** Submissions not yet answered, per sender (strict ordering in modes that mine as txs arrive). */
  sending: Map<string, number>
}
