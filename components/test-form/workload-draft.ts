import { type BuiltinContract, builtinContracts } from '@/services/contracts/builtin-names'
import type { ArgDraft } from './draft'

/**
 * The workload scenario as the form holds it: rows as typed (text), each with a `key` that stays
 * with the row when rows move (React keys), never sent. workload-to-config.ts and
 * config-to-workload.ts go both ways, like the rest of the draft.
 */

export const contractSources = ['builtin', 'artifact', 'address'] as const
export type ContractSource = (typeof contractSources)[number]

/** Every built-in contract may be part of a workload (the custom call offers fewer). */
export const workloadBuiltins: readonly BuiltinContract[] = builtinContracts

export type LibraryDraft = { key: string; name: string; value: string }

export type ContractDraft = {
  key: string
  name: string
  source: ContractSource
  builtin: BuiltinContract
  /** JSON text of the artifact to deploy. */
  artifact: string
  contractName: string
  address: string
  /** JSON text of the ABI of a contract given by address. */
  abi: string
  /** Empty for a built-in: its own defaults. */
  constructorArgs: ArgDraft[]
  libraries: LibraryDraft[]
}

export type CallCommonDraft = {
  key: string
  contract: string
  function: string
  args: ArgDraft[]
  value: string
  gas: string
}

export const stepExpects = ['', 'equals', 'atLeast'] as const
export type StepExpect = (typeof stepExpects)[number]

export type StepDraft = CallCommonDraft & {
  forEach: boolean
  /** '' = the default: the sender a per-sender step is for, else the deployer. */
  from: '' | 'deployer' | 'sender'
  expect: StepExpect
  expectValue: string
}

export type CallRowDraft = CallCommonDraft & { name: string; weight: string }

export const checkExpects = [
  'unchanged',
  'notDecreased',
  'equals',
  'atLeast',
  'atMost',
  'increasedBy',
  'increasedByMined',
] as const
export type CheckExpect = (typeof checkExpects)[number]
/** The expectations that compare with a value the user gives. */
export const expectsValue = (e: CheckExpect) => e !== 'unchanged' && e !== 'notDecreased'

export type CheckDraft = {
  key: string
  name: string
  contract: string
  /** A view function: name or signature. */
  call: string
  /** Plain values (references allowed), one per parameter. */
  args: string[]
  expect: CheckExpect
  expectValue: string
}

export type WorkloadDraft = {
  contracts: ContractDraft[]
  setup: StepDraft[]
  calls: CallRowDraft[]
  checks: CheckDraft[]
  seed: string
}

let counter = 0
/** A key for a new row: unique for the page's life, which is all React needs. */
export const newKey = (prefix: string) => `${prefix}-${++counter}`

export const emptyContract = (name = ''): ContractDraft => ({
  key: newKey('contract'),
  name,
  source: 'builtin',
  builtin: 'StressToken',
  artifact: '',
  contractName: '',
  address: '',
  abi: '',
  constructorArgs: [],
  libraries: [],
})

const emptyCommon = (prefix: string, contract: string): CallCommonDraft => ({
  key: newKey(prefix),
  contract,
  function: '',
  args: [],
  value: '',
  gas: '',
})

export const emptyStep = (contract = ''): StepDraft => ({
  ...emptyCommon('step', contract),
  forEach: false,
  from: '',
  expect: '',
  expectValue: '',
})

export const emptyCall = (contract = ''): CallRowDraft => ({ ...emptyCommon('call', contract), name: '', weight: '1' })

export const emptyCheck = (contract = ''): CheckDraft => ({
  key: newKey('check'),
  name: '',
  contract,
  call: '',
  args: [],
  expect: 'unchanged',
  expectValue: '',
})

export const emptyWorkload = (): WorkloadDraft => ({
  contracts: [emptyContract('Token')],
  setup: [],
  calls: [emptyCall('Token')],
  checks: [],
  seed: '',
})

/** The next free name like Token2, for a new row. */
export function freeName(taken: readonly string[], base = 'Contract'): string {
  if (!taken.includes(base)) return base
  for (let n = 2; ; n++) if (!taken.includes(`${base}${n}`)) return `${base}${n}`
}
