import type { Address, Hex } from 'viem'
import type { TxType } from '../config/tx-type-schema'
import type { TxErrorKind } from '../errors/tx-error'

/** A transaction's life: planned → signed → submitted → one terminal state (docs/architecture.md#tx-life). */
export const txStates = [
  'planned',
  'signed',
  'submitted',
  'mined',
  'reverted',
  'failed',
  'dropped',
  'cancelled',
  'unconfirmed',
] as const
export type TxState = (typeof txStates)[number]
/**
 * `unconfirmed`: sent, but the chain cannot tell its fate — the node lost its record (its nonce
 * may still have been used: `nonceUsed`) or the node itself was lost (docs/metrics.md#tx-states).
 */
export const terminalStates = ['mined', 'reverted', 'failed', 'dropped', 'cancelled', 'unconfirmed'] as const
export type TerminalState = (typeof terminalStates)[number]

export function isTerminal(state: string): state is TerminalState {
  return (terminalStates as readonly string[]).includes(state)
}

/** In a block: the tx used its nonce, whether it succeeded or reverted. */
export function isIncluded(state: string): state is 'mined' | 'reverted' {
  return state === 'mined' || state === 'reverted'
}

/** What a scenario asks for; the engine picks the sender when `from` is absent. */
export type PlannedTx = {
  idx: number
  /** A fixed sender (a user's journey); absent = the rotation picks one. */
  from?: Address
  /** Absent = the sender's neighbour in the account set. */
  to?: Address
  value: bigint
  data?: Hex
  /** Calldata that depends on who sends (generated args); wins over `data`. */
  encode?: (from: Address) => Hex
  gas?: bigint
  /** Function or operation name, for grouping ("transfer", "increment()"). */
  label: string
}

export type TxErrorInfo = { kind: TxErrorKind; message: string; hint?: string; raw?: string }

export type TxRecord = {
  idx: number
  label: string
  from: Address
  to: Address
  value: bigint
  data: Hex | undefined
  gas: bigint
  /** Its EIP-2718 type as planned (absent: EIP-1559, or legacy where the chain has no base fee). */
  txType?: TxType
  state: TxState
  nonce: number | undefined
  hash: Hex | undefined
  raw: Hex | undefined
  attempts: number
  /** Engine-made transactions (nonce gap fillers) are not part of the plan's accounting. */
  role: 'planned' | 'gap-fill'
  signedAt?: number
  submittedAt?: number
  /** Wall-clock ms when the engine saw the block holding it. */
  includedAt?: number
  blockNumber?: bigint
  gasUsed?: bigint
  effectiveGasPrice?: bigint
  /** EIP-4844: blob gas used and the price paid per unit, from its receipt. */
  blobGasUsed?: bigint
  blobGasPrice?: bigint
  /** The type its receipt says it was mined as (the chain's answer, to compare with `txType`). */
  receiptType?: number
  /** Round trip of the submission request that the node accepted. */
  submitRttMs?: number
  /** Counted as included, but the chain's state says its nonce is unused: to be sent again. */
  stale?: boolean
  /**
   * Replaced in the pool (replaceAfterMs): every hash signed for its nonce, and what each was. The
   * record's `hash`/`raw` are the newest; whichever the chain includes decides its fate.
   */
  replacement?: { count: number; lastAt: number; hashes: Map<Hex, 'original' | 'speed-up' | 'cancel'> }
  /**
   * EIP-7702 with the sender as its own authority: the authorization's nonce, `nonce + 1`. Once
   * the tx is included the chain has used both (even if it reverted).
   */
  authNonce?: number
  /** Reconciliation found its nonce used on chain although no receipt exists for its hash. */
  nonceUsed?: boolean
  error?: TxErrorInfo
}

/** Every hash a tx was signed as: one, or each of a replaced tx's (only one of them can be mined). */
export function hashesOf(r: Pick<TxRecord, 'hash' | 'replacement'>): Hex[] {
  if (r.replacement) return [...r.replacement.hashes.keys()]
  return r.hash ? [r.hash] : []
}
