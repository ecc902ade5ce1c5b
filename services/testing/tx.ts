import type { Address, Hex } from 'viem'
import type { TxErrorKind } from '../errors/tx-error'

/** A transaction's life: planned → signed → submitted → one terminal state (DESIGN.md §2). */
export const txStates = [
  'planned',
  'signed',
  'submitted',
  'mined',
  'reverted',
  'failed',
  'dropped',
  'cancelled',
] as const
export type TxState = (typeof txStates)[number]
export const terminalStates = ['mined', 'reverted', 'failed', 'dropped', 'cancelled'] as const
export type TerminalState = (typeof terminalStates)[number]

export function isTerminal(state: TxState): state is TerminalState {
  return (terminalStates as readonly string[]).includes(state)
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
  /** Round trip of the submission request that the node accepted. */
  submitRttMs?: number
  error?: TxErrorInfo
}
