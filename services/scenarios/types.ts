import type { Address, Hex } from 'viem'
import type { Sender } from '../accounts/sender'
import type { Connection } from '../chain/connection'
import type { NodeInfo } from '../chain/node-info'
import type { Fees } from '../chain/signer'
import type { TestConfig } from '../config/schema'
import type { RunEventBus } from '../testing/events'
import type { PlannedTx, TxErrorInfo, TxRecord } from '../testing/tx'

/** What a scenario needs to know before anything touches the chain: sizes for funding. */
export type ScenarioShape = {
  /** Txs the plan will hold. */
  planned: number
  /** Highest gas limit of one of its txs (funding assumes every tx may use it). */
  gasPerTx: bigint
  /** Highest wei value one of its txs sends. */
  valuePerTx: bigint
  /** Set-up txs each sender sends itself (approvals) and the wei they carry: funded on top of its share. */
  setupPerSender?: { txs: number; value: bigint }
}

export type ScenarioContext = {
  config: TestConfig
  conn: Connection
  node: NodeInfo
  senders: readonly Sender[]
  fees: Fees
  bus: RunEventBus
  /** Engine-driven mining: how to get a block during set-up. */
  mine?: () => Promise<unknown>
}

/** JSON-safe (bigints as decimal strings): findings go straight into reports. */
export type Findings = Record<
  string,
  string | number | boolean | null | Record<string, string | number | boolean | null>
>

/** A check of contract state after the run: the run proves the contract stayed correct. */
export type ScenarioCheck = { name: string; ok: boolean; expected: string; actual: string }

/**
 * The txs a scenario sent before the load (deploys, mints, approvals): on the chain, but not part
 * of the plan, so never in the load's counts, rates or latencies.
 */
export type SetupSummary = {
  deploys: { contract: string; address: Address; hash: Hex; gasUsed: number }[]
  steps: { step: number; label: string; txs: number; gasUsed: number }[]
  txs: number
  gasUsed: number
}

export type PreparedScenario = {
  plan: Iterable<PlannedTx>
  /** Turns a reverted call's return data into a reason (ABI-aware). */
  decodeRevert?: (data: Hex | undefined) => TxErrorInfo
  /** Reads state after the run and compares it with what the mined txs imply. */
  verify?: (mined: Iterable<MinedTx>) => Promise<ScenarioCheck[]>
  /** Scenario-specific findings for the report (e.g. the block gas limit it found). */
  findings?: (stats: ScenarioStats) => Promise<Findings> | Findings
  /** Contracts it deployed, by role. */
  contracts?: Record<string, Address>
  /** Its set-up txs, for the report. */
  setup?: SetupSummary
}

/** A mined planned tx, as `verify` sees it. */
export type MinedTx = {
  idx: number
  label: string
  from: Address
  /** Its planned type (null = the default) and the type its receipt says. */
  txType: string | null
  receiptType: number | null
}

/** One planned tx's outcome, as `findings` sees it (no keys, no raw txs). */
export type TxOutcome = Pick<
  TxRecord,
  'idx' | 'label' | 'state' | 'gas' | 'gasUsed' | 'blockNumber' | 'submittedAt' | 'includedAt' | 'error'
>

/**
 * The planned txs of the run, read from the store in idx order (a million-tx run is never a
 * million objects at once). Walk each one synchronously: every pass is a fresh SQLite cursor,
 * and the store cannot write while one is open.
 */
export type StoredOutcomes = { mined: Iterable<MinedTx>; txs: Iterable<TxOutcome> }

/** What the engine hands to `findings`: every planned tx's outcome. */
export type ScenarioStats = {
  txs: Iterable<TxOutcome>
  blockGasLimit: bigint
}

export type Scenario = {
  name: string
  shape(config: TestConfig, node: NodeInfo): ScenarioShape
  setup(ctx: ScenarioContext): Promise<PreparedScenario>
}
