import { argToSpec } from './arg-to-spec'
import type { ArgDraft, ConfigJson } from './draft'
import { amount, blank, jsonOrText, num, put, text } from './draft-values'
import {
  type CallCommonDraft,
  type CheckDraft,
  type ContractDraft,
  expectsValue,
  type StepDraft,
  type WorkloadDraft,
} from './workload-draft'

/**
 * The workload rows → the `scenario` the API takes. Fixed values go as plain values (the schema's
 * shorthand), so the YAML view reads like examples/amm-swaps.yaml.
 */

export function argToWorkloadSpec(a: ArgDraft): unknown {
  return a.kind === 'fixed' ? a.value : argToSpec(a)
}

function contractToConfig(c: ContractDraft): ConfigJson {
  const args = c.constructorArgs.map(argToWorkloadSpec)
  if (c.source === 'address') return { address: c.address.trim(), abi: jsonOrText(c.abi) }
  if (c.source === 'builtin') return { builtin: c.builtin, ...(args.length ? { constructorArgs: args } : {}) }
  const out: ConfigJson = { artifact: jsonOrText(c.artifact) }
  put(out, 'contractName', text(c.contractName))
  out.constructorArgs = args
  const libraries = c.libraries.filter((l) => !blank(l.name) || !blank(l.value))
  if (libraries.length) out.libraries = Object.fromEntries(libraries.map((l) => [l.name.trim(), l.value.trim()]))
  return out
}

function commonToConfig(c: CallCommonDraft, out: ConfigJson): ConfigJson {
  out.contract = c.contract
  out.function = c.function
  out.args = c.args.map(argToWorkloadSpec)
  put(out, 'value', text(c.value))
  put(out, 'gas', text(c.gas))
  return out
}

/** An expected value as typed: true/false as booleans, whole numbers as numbers while exact. */
function expectedValue(s: string): unknown {
  const t = s.trim()
  if (t === 'true') return true
  if (t === 'false') return false
  return amount(t) ?? ''
}

function stepToConfig(s: StepDraft): ConfigJson {
  const out = commonToConfig(s, {})
  if (s.forEach) out.forEach = 'sender'
  if (s.from) out.from = s.from
  if (s.expect) out.expect = { [s.expect]: expectedValue(s.expectValue) }
  return out
}

function checkToConfig(c: CheckDraft): ConfigJson {
  const out: ConfigJson = {}
  put(out, 'name', text(c.name))
  out.contract = c.contract
  out.call = c.call
  if (c.args.length) out.args = c.args.map((a) => a.trim())
  out.expect = expectsValue(c.expect) ? { [c.expect]: expectedValue(c.expectValue) } : c.expect
  return out
}

/** The scenario keys of a workload (without `name`). Empty lists the schema defaults are left out. */
export function workloadToConfig(w: WorkloadDraft): ConfigJson {
  // Two rows with one name would silently become one: the later is kept, and the check names it.
  const out: ConfigJson = {
    contracts: Object.fromEntries(w.contracts.map((c) => [c.name.trim(), contractToConfig(c)])),
  }
  if (w.setup.length) out.setup = w.setup.map(stepToConfig)
  out.calls = w.calls.map((c) => {
    const row: ConfigJson = {}
    put(row, 'name', text(c.name))
    commonToConfig(c, row)
    put(row, 'weight', num(c.weight))
    return row
  })
  if (w.checks.length) out.checks = w.checks.map(checkToConfig)
  put(out, 'seed', num(w.seed))
  return out
}
