import type { argKinds } from '@/services/abi/arg-spec'
import type { SendPolicy } from '@/services/config/send-policies'
import { type accessListModes, txTypes } from '@/services/config/tx-type-schema'
import type { BuiltinContract } from '@/services/contracts/artifacts'
import { emptyWorkload, type WorkloadDraft } from './workload-draft'

/**
 * The form's state: one object mirroring the test config, with what the user typed as text.
 * `draftToConfig` and `configToDraft` go both ways, so loading a saved test, duplicating it or
 * starting from a template is just `configToDraft(config)`. Keys the form has no control for
 * (stages, impersonate, …) ride along in `extra` and are sent back as they came.
 */
export const modes = ['sequential', 'concurrent', 'multi-user'] as const
export const rotations = ['round-robin', 'random', 'least-pending'] as const
export const fundingModes = ['auto', 'transfer', 'none'] as const
export const miningModes = ['automine', 'interval', 'engine', 'node'] as const
export const scenarioChoices = [
  'transfer',
  'rapid-transfer',
  'concurrent-users',
  'batch-operations',
  'gas-limit',
  'tx-types',
  'custom-call',
  'workload',
] as const
/** The transaction type the form offers: one for every tx, or "all" — the five alike. */
export const txTypeChoices = ['', ...txTypes, 'all'] as const
export type TxTypeChoice = (typeof txTypeChoices)[number]
/** The form's "all": every type with the same weight. */
export const allTypesAlike = (): Record<string, number> => Object.fromEntries(txTypes.map((t) => [t, 1]))
export const builtins = ['Counter', 'GasBurner', 'StressToken'] as const satisfies readonly BuiltinContract[]
export const targetKinds = ['builtin', 'address', 'artifact'] as const

export type Mode = (typeof modes)[number]
export type Rotation = (typeof rotations)[number]
export type FundingMode = (typeof fundingModes)[number]
export type MiningMode = (typeof miningModes)[number]
export type ScenarioChoice = (typeof scenarioChoices)[number]
export type TargetKind = (typeof targetKinds)[number]
export type ArgKind = (typeof argKinds)[number]

export type ArgDraft = {
  kind: ArgKind
  value: string
  start: string
  step: string
  min: string
  max: string
  /** oneOf: one value per line. */
  values: string
  index: string
  /** sequence: "name-{i}" makes a string of each number. */
  format: string
  /** contract: a workload contract's name; balanceFraction: the token. */
  contract: string
  /** balanceFraction: share of the sender's balance, 0–1. */
  fraction: string
  /** now: seconds after the chain's time. */
  plus: string
}

export type TargetDraft = {
  kind: TargetKind
  builtin: (typeof builtins)[number]
  address: string
  /** JSON text of the ABI (or of an artifact holding one). */
  abi: string
  /** JSON text of the artifact to deploy. */
  artifact: string
  contractName: string
  /** One text per constructor parameter. */
  constructorArgs: string[]
}

export type CallDraft = {
  target: TargetDraft
  function: string
  args: ArgDraft[]
  value: string
  gas: string
  seed: string
}

export type ScenarioDraft = {
  name: ScenarioChoice
  token: 'eth' | 'erc20'
  amount: string
  journeysPerUser: string
  opsPerTx: string
  rampFrom: string
  rampTo: string
  rampSteps: string
  fillTxs: string
  call: CallDraft
  workload: WorkloadDraft
}

export type Draft = {
  name: string
  mode: Mode
  txs: string
  accounts: string
  concurrency: string
  rate: string
  rotation: Rotation
  delayMs: string
  waitForReceipt: boolean
  batchSize: string
  value: string
  to: string
  gasLimit: string
  maxFeePerGas: string
  maxPriorityFeePerGas: string
  txType: TxTypeChoice
  accessList: (typeof accessListModes)[number]
  /** EIP-4844: blobs per tx, as typed. */
  blobsPerTx: string
  mining: MiningMode | ''
  blockTime: string
  retries: string
  inclusionTimeoutMs: string
  stuckAfterMs: string
  requestTimeoutMs: string
  funding: FundingMode
  topUp: boolean
  rpcUrl: string
  /** Send endpoints, one URL per line. */
  rpcUrls: string
  sendPolicy: SendPolicy
  /** Pass/fail criteria, as typed: one expression per line, or JSON (see thresholds-text.ts). */
  thresholds: string
  scenario: ScenarioDraft
  extra: Record<string, unknown>
}

export type ConfigJson = Record<string, unknown>

export const emptyArg = (kind: ArgKind = 'fixed', value = ''): ArgDraft => ({
  kind,
  value,
  start: '',
  step: '',
  min: '',
  max: '',
  values: '',
  index: '',
  format: '',
  contract: '',
  fraction: '',
  plus: '',
})

export function emptyDraft(): Draft {
  return {
    name: '',
    mode: 'concurrent',
    txs: '',
    accounts: '',
    concurrency: '',
    rate: '',
    rotation: 'round-robin',
    delayMs: '',
    waitForReceipt: true,
    batchSize: '',
    value: '',
    to: '',
    gasLimit: '',
    maxFeePerGas: '',
    maxPriorityFeePerGas: '',
    txType: '',
    accessList: 'empty',
    blobsPerTx: '',
    mining: '',
    blockTime: '',
    retries: '',
    inclusionTimeoutMs: '',
    stuckAfterMs: '',
    requestTimeoutMs: '',
    funding: 'auto',
    topUp: false,
    rpcUrl: '',
    rpcUrls: '',
    sendPolicy: 'round-robin',
    thresholds: '',
    scenario: {
      name: 'transfer',
      token: 'eth',
      amount: '',
      journeysPerUser: '',
      opsPerTx: '',
      rampFrom: '',
      rampTo: '',
      rampSteps: '',
      fillTxs: '',
      call: {
        target: {
          kind: 'builtin',
          builtin: 'Counter',
          address: '',
          abi: '',
          artifact: '',
          contractName: '',
          constructorArgs: [],
        },
        function: '',
        args: [],
        value: '',
        gas: '',
        seed: '',
      },
      workload: emptyWorkload(),
    },
    extra: {},
  }
}

/** Which settings a mode uses; the others are kept in the draft but neither shown as active nor sent. */
export const appliesTo = {
  concurrency: (m: Mode) => m === 'concurrent',
  rate: (m: Mode) => m === 'concurrent',
  rotation: (m: Mode) => m !== 'multi-user',
  delayMs: (m: Mode) => m !== 'concurrent',
  waitForReceipt: (m: Mode) => m === 'sequential',
} as const

/** Function parameters are positional: their index is their identity (and a stable React key). */
export const positional = <T>(items: readonly T[], scope: string) =>
  items.map((item, index) => ({ item, index, key: `${scope}#${index}` }))

/** Scenarios that plan their own number of txs (so `txs` is not theirs to set). */
export const plansOwnTxs = (s: ScenarioChoice) => s === 'concurrent-users' || s === 'gas-limit'
