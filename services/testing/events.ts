import { EventEmitter } from 'node:events'
import type { Address, Hex } from 'viem'
import type { AccountState } from '../accounts/balance-monitor'
import type { TxType } from '../config/tx-type-schema'
import type { RunStatus } from '../run-model/status'
import type { BlockSeen } from './inclusion-tracker'
import type { TxErrorInfo, TxState } from './tx'

/** One state change of one transaction. */
export type TxEvent = {
  type: 'tx'
  at: number
  idx: number
  state: TxState
  /**
   * Its state before this event ('planned' on its first, the same state for a repeat or an
   * annotation): consumers count transitions from it instead of remembering every tx.
   */
  prev: TxState
  role: 'planned' | 'gap-fill'
  label: string
  from: Address
  nonce?: number
  hash?: Hex
  /** Its gas limit (stored with the row: scenario findings read it back). */
  gas: bigint
  /** Its planned type; absent = the default (docs/config.md#tx-types). */
  txType?: TxType
  attempt: number
  blockNumber?: bigint
  gasUsed?: bigint
  /** The type its receipt says (0 legacy … 4 EIP-7702): the chain's word on what was mined. */
  receiptType?: number
  /** EIP-4844 receipts: blob gas used and its price per unit. */
  blobGasUsed?: bigint
  blobGasPrice?: bigint
  /** When the attempt the node accepted was sent. */
  submittedAt?: number
  latencyMs?: number
  submitRttMs?: number
  error?: TxErrorInfo
}

export type RunEvent =
  | TxEvent
  | { type: 'status'; at: number; status: RunStatus; message?: string }
  | ({ type: 'block'; at: number } & Omit<BlockSeen, 'seenAt'>)
  /** Every failed attempt, including those retried: errors are data (docs/architecture.md#errors-are-data). */
  | {
      type: 'error'
      at: number
      idx?: number
      from?: Address
      nonce?: number
      attempt?: number
      label?: string
      error: TxErrorInfo
      willRetry: boolean
    }
  | { type: 'warning'; at: number; code: string; message: string; hint?: string }
  | { type: 'log'; at: number; message: string }
  /** A tx in the pool too long was replaced: a new hash for its nonce (docs/config.md#replacement). */
  | {
      type: 'replaced'
      at: number
      idx: number
      from: Address
      nonce: number
      kind: 'speed-up' | 'cancel'
      hash: Hex
      /** The hash it replaces (still in the race: only one of them can be mined). */
      replaces: Hex
      /** The node refused it (e.g. "replacement underpriced"); the earlier one stays. */
      refused?: string
    }
  /** The plan's final size, when it ended before `txs` (a load profile ran out). */
  | { type: 'planned'; at: number; planned: number; reason: string }
  /** A load profile stage began. */
  | { type: 'stage'; at: number; index: number; name: string }
  /** Funding before the run: how many senders are done, and how. */
  | { type: 'funding'; at: number; done: number; total: number; method: 'set-balance' | 'transfer' }
  /** Every sender's balance and nonces, about once a second. */
  | { type: 'accounts'; at: number; accounts: AccountState[] }

export type RunEventBus = EventEmitter<{ event: [RunEvent] }>

export function createEventBus(): RunEventBus {
  const bus: RunEventBus = new EventEmitter()
  bus.setMaxListeners(100)
  return bus
}
