import { builtinContracts } from '@/services/contracts/builtin-names'
import { asText, isRecord, oneOf, specToArg } from './spec-to-arg'
import {
  type CallCommonDraft,
  type CallRowDraft,
  type CheckDraft,
  type CheckExpect,
  type ContractDraft,
  checkExpects,
  emptyCall,
  emptyCheck,
  emptyContract,
  emptyStep,
  newKey,
  type StepDraft,
  type WorkloadDraft,
} from './workload-draft'

/**
 * A workload scenario (saved, pasted as YAML, a run's config) → the form's rows. What the schema
 * fills in by default (value 0, seed 1, empty lists) comes back blank, so a saved test reloads as
 * the same config the form sent.
 */

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const json = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v, null, 2))
/** Wei as typed; 0 (the default) as blank. */
const wei = (v: unknown) => (v === 0 || v === '0' ? '' : asText(v))

function contractToDraft(name: string, raw: unknown): ContractDraft {
  const base = { ...emptyContract(name) }
  if (!isRecord(raw)) return base
  const constructorArgs = list(raw.constructorArgs).map(specToArg)
  if ('address' in raw) return { ...base, source: 'address', address: asText(raw.address), abi: json(raw.abi) }
  if ('artifact' in raw)
    return {
      ...base,
      source: 'artifact',
      artifact: json(raw.artifact),
      contractName: asText(raw.contractName),
      constructorArgs,
      libraries: Object.entries(isRecord(raw.libraries) ? raw.libraries : {}).map(([lib, value]) => ({
        key: newKey('library'),
        name: lib,
        value: asText(value),
      })),
    }
  return { ...base, source: 'builtin', builtin: oneOf(builtinContracts, raw.builtin, base.builtin), constructorArgs }
}

function commonToDraft(raw: Record<string, unknown>, base: CallCommonDraft): CallCommonDraft {
  return {
    ...base,
    contract: asText(raw.contract),
    function: asText(raw.function),
    args: list(raw.args).map(specToArg),
    value: wei(raw.value),
    gas: asText(raw.gas),
  }
}

function stepToDraft(raw: unknown): StepDraft {
  const base = emptyStep()
  if (!isRecord(raw)) return base
  const expect = isRecord(raw.expect) ? raw.expect : {}
  const kind = 'equals' in expect ? 'equals' : 'atLeast' in expect ? 'atLeast' : ''
  return {
    ...base,
    ...commonToDraft(raw, base),
    forEach: raw.forEach === 'sender',
    from: raw.from === 'deployer' || raw.from === 'sender' ? raw.from : '',
    expect: kind,
    expectValue: kind ? asText(expect[kind]) : '',
  }
}

function callToDraft(raw: unknown): CallRowDraft {
  const base = emptyCall()
  if (!isRecord(raw)) return base
  return { ...base, ...commonToDraft(raw, base), name: asText(raw.name), weight: asText(raw.weight) }
}

function checkToDraft(raw: unknown): CheckDraft {
  const base = emptyCheck()
  if (!isRecord(raw)) return base
  const e = raw.expect
  const kind: CheckExpect = isRecord(e)
    ? oneOf(checkExpects, Object.keys(e)[0], 'equals')
    : oneOf(checkExpects, e, 'unchanged')
  return {
    ...base,
    name: asText(raw.name),
    contract: asText(raw.contract),
    call: asText(raw.call),
    args: list(raw.args).map(asText),
    expect: kind,
    expectValue: isRecord(e) ? asText(e[kind]) : '',
  }
}

export function configToWorkload(raw: Record<string, unknown>): WorkloadDraft {
  return {
    contracts: Object.entries(isRecord(raw.contracts) ? raw.contracts : {}).map(([name, c]) =>
      contractToDraft(name, c),
    ),
    setup: list(raw.setup).map(stepToDraft),
    calls: list(raw.calls).map(callToDraft),
    checks: list(raw.checks).map(checkToDraft),
    seed: raw.seed === 1 ? '' : asText(raw.seed),
  }
}
