import type { Abi, AbiFunction, Address } from 'viem'
import { getAddress, zeroAddress } from 'viem'
import { type FoundFunction, findFunction } from '../../abi/find-function'
import { type ArgGenerators, compileArgGenerators } from '../../abi/generators'
import { type ContractInterface, loadContractInterface } from '../../abi/load-abi'
import { contractRefsIn, reservedRefNames, resolveRefs } from '../../abi/templates'
import type { TestConfig } from '../../config/schema'
import type {
  WorkloadCall,
  WorkloadConfig,
  WorkloadContractSource,
  WorkloadSetupStep,
} from '../../config/workload-schema'
import { builtinConstructorArgs, loadBuiltinArtifact } from '../../contracts/artifacts'
import { ConfigError } from '../../errors/base'
import { type CompiledStateCheck, compileStateChecks } from '../state-checks'
import { callLabels } from './call-labels'
import { deployOrder } from './deploy-order'
import { createMix, type Mix } from './mix'

export type CompiledContract = {
  name: string
  abi: Abi
  /** Absent for a contract given by address. */
  deploy?: {
    iface: ContractInterface
    /** Constructor arguments' generators; absent when it takes none. */
    ctor?: ArgGenerators
    /** Library name → address or `{{Contract}}`, as given. */
    libraries: Readonly<Record<string, string>>
  }
  address?: Address
  /** Workload contracts its deployment needs first. */
  needs: string[]
}

export type CompiledCallBase = {
  index: number
  contract: string
  found: FoundFunction
  args: ArgGenerators
  value: bigint
  gas?: bigint
}
export type CompiledStep = CompiledCallBase &
  Pick<WorkloadSetupStep, 'expect'> & {
    forEach: boolean
    from: 'deployer' | 'sender'
    field: string
  }
export type CompiledCall = CompiledCallBase & { label: string; weight: number; field: string }
export type CompiledCheck = { contract: string; check: CompiledStateCheck }

export type CompiledWorkload = {
  o: WorkloadConfig
  /** In deploy order. */
  contracts: CompiledContract[]
  steps: CompiledStep[]
  calls: CompiledCall[]
  mix: Mix
  /** Tokens a `balanceFraction` reads: every sender's balance is read once, after the set-up. */
  balanceTokens: string[]
  /** Per-check compile with the run's addresses in `{{…}}` (check args name contracts). */
  checks(addresses: Readonly<Record<string, Address>>): CompiledCheck[]
}

const at = (f: string) => `scenario.${f}`

/**
 * The whole workload checked without the node: every contract's interface, the deploy order
 * (references followed, cycles and unknown names refused), every set-up step and call against its
 * contract's ABI, the weights, and the checks. Errors name the field (`scenario.calls[2].function`).
 */
export function compileWorkload(config: TestConfig): CompiledWorkload {
  const o = config.scenario as WorkloadConfig
  const names = Object.keys(o.contracts)
  for (const name of names)
    if (reservedRefNames.includes(name))
      throw new ConfigError([
        { field: at(`contracts.${name}`), message: `${name} means something else in {{…}} references; rename it` },
      ])
  const opts = { seed: o.seed, accounts: config.accounts, contracts: names }
  const compiled = new Map(names.map((name) => [name, compileContract(name, o.contracts[name]!, opts)]))
  const order = deployOrder(
    names.map((name) => ({ name, needs: compiled.get(name)!.needs, field: at(`contracts.${name}`) })),
  )
  const abiOf = (name: string, field: string): Abi => {
    const c = compiled.get(name)
    if (!c)
      throw new ConfigError([
        { field, message: `no contract ${JSON.stringify(name)}; the workload has: ${names.join(', ')}` },
      ])
    return c.abi
  }
  const base = (c: WorkloadCall | WorkloadSetupStep, index: number, field: string): CompiledCallBase => {
    const abi = abiOf(c.contract, `${field}.contract`)
    const found = findFunction(abi, c.function, { field: `${field}.function` })
    if (found.readOnly)
      throw new ConfigError(
        [
          {
            field: `${field}.function`,
            message: `${found.signature} is ${found.fn.stateMutability}: a read, nothing to send`,
          },
        ],
        { hint: 'Pick a function that changes state; reads go in checks.' },
      )
    const args = compileArgGenerators(found.fn, c.args, { ...opts, txs: config.txs, field: `${field}.args` })
    return { index, contract: c.contract, found, args, value: c.value, ...(c.gas !== undefined && { gas: c.gas }) }
  }

  const steps = o.setup.map((s, i): CompiledStep => {
    const field = at(`setup[${i}]`)
    if (s.from === 'sender' && !s.forEach)
      throw new ConfigError([
        {
          field: `${field}.from`,
          message: 'is "sender", but the step runs once: say forEach: sender, or from: deployer',
        },
      ])
    const step = base(s, i, field)
    if (s.expect) checkExpectable(step.found, `${field}.expect`)
    return {
      ...step,
      forEach: s.forEach === 'sender',
      from: s.from ?? (s.forEach ? 'sender' : 'deployer'),
      expect: s.expect,
      field,
    }
  })
  const labels = checkedCallLabels(o.calls)
  const calls = o.calls.map((c, i): CompiledCall => {
    const field = at(`calls[${i}]`)
    return { ...base(c, i, field), label: labels[i]!, weight: c.weight, field }
  })
  const checks = (addresses: Readonly<Record<string, Address>>) =>
    o.checks.map((c, i): CompiledCheck => {
      const field = at(`checks[${i}]`)
      const abi = abiOf(c.contract, `${field}.contract`)
      const args = resolveRefs(c.args, {
        contracts: addresses,
        deployer: zeroAddress,
        sender: zeroAddress,
        accounts: [],
      }) as unknown[]
      const [check] = compileStateChecks(abi, [{ ...c, args }], () => field)
      return { contract: c.contract, check: check! }
    })
  // With placeholder addresses now, so a bad check fails before anything is sent.
  checks(Object.fromEntries(names.map((n) => [n, zeroAddress])))
  const balanceTokens = balanceTokensOf(o, (name, field) => abiOf(name, field))
  return {
    balanceTokens,
    o,
    contracts: order.map((name) => compiled.get(name)!),
    steps,
    calls,
    mix: createMix(
      calls.map((c) => c.weight),
      o.seed,
    ),
    checks,
  }
}

type Opts = { seed: number; accounts: number; contracts: readonly string[] }

function compileContract(name: string, source: WorkloadContractSource, opts: Opts): CompiledContract {
  const field = at(`contracts.${name}`)
  if ('address' in source)
    return {
      name,
      abi: loadContractInterface(source.abi, { field: `${field}.abi` }).abi,
      address: getAddress(source.address),
      needs: [],
    }
  const builtin = 'builtin' in source
  const iface: ContractInterface = builtin
    ? { ...loadBuiltinArtifact(source.builtin), name: source.builtin, format: 'foundry' }
    : loadContractInterface(source.artifact, { field: `${field}.artifact`, contractName: source.contractName })
  const libraries = builtin ? {} : withNamedLibraries(iface, source.libraries, opts.contracts)
  const rawArgs =
    (builtin ? (source.constructorArgs ?? builtinConstructorArgs[source.builtin]) : source.constructorArgs) ?? []
  if (!iface.bytecode && !iface.unlinkedLibraries?.length)
    throw new ConfigError([{ field: `${field}.artifact`, message: 'has no bytecode to deploy' }], {
      hint: 'Interfaces and abstract contracts have none: pick the concrete contract, or give {address, abi}.',
    })
  const ctorAbi = iface.abi.find((x) => x.type === 'constructor')
  const inputs = ctorAbi && 'inputs' in ctorAbi ? ctorAbi.inputs : []
  const ctorFn: AbiFunction = {
    type: 'function',
    name: 'constructor',
    inputs,
    outputs: [],
    stateMutability: 'nonpayable',
  }
  const ctor =
    inputs.length || rawArgs.length
      ? compileArgGenerators(ctorFn, rawArgs, { ...opts, field: `${field}.constructorArgs` })
      : undefined
  const needs = [
    ...new Set([...specRefs(rawArgs, opts.contracts), ...contractRefsIn(Object.values(libraries), opts.contracts)]),
  ]
  return { name, abi: iface.abi, deploy: { iface, ...(ctor && { ctor }), libraries }, needs }
}

/**
 * A library the bytecode needs and the config does not map is linked to the workload contract of
 * the same name, if there is one: `contracts: {MathLib: …, Pool: …}` is enough.
 */
function withNamedLibraries(
  iface: ContractInterface,
  given: Readonly<Record<string, string>>,
  names: readonly string[],
): Record<string, string> {
  const out = { ...given }
  for (const fq of iface.unlinkedLibraries ?? []) {
    const short = fq.split(':').pop() ?? fq
    if (!(fq in out) && !(short in out) && names.includes(short)) out[short] = `{{${short}}}`
  }
  return out
}

/** The workload contracts that argument specs name: `{{Name}}` in values, `contract`/`balanceFraction` specs. */
export function specRefs(specs: readonly unknown[], names: readonly string[]): string[] {
  return specs.flatMap((s) => {
    if (typeof s !== 'object' || s === null || !('kind' in s)) return contractRefsIn(s, names)
    const spec = s as { kind: string; name?: string; contract?: string; value?: unknown; values?: unknown }
    if (spec.kind === 'contract' && spec.name) return [spec.name]
    if (spec.kind === 'balanceFraction' && spec.contract) return [spec.contract]
    return contractRefsIn([spec.value, spec.values], names)
  })
}

/** Each row's label (call-labels.ts); two rows with one label would be one line in every number. */
function checkedCallLabels(calls: readonly WorkloadCall[]): string[] {
  const labels = callLabels(calls)
  labels.forEach((label, i) => {
    if (labels.indexOf(label) !== i)
      throw new ConfigError([
        { field: at(`calls[${i}].name`), message: `${JSON.stringify(label)} names two calls; each needs its own` },
      ])
  })
  return labels
}

/** Tokens named by `balanceFraction` specs of the calls; each must have `balanceOf(address)`. */
function balanceTokensOf(o: WorkloadConfig, abiOf: (name: string, field: string) => Abi): string[] {
  const tokens = new Set<string>()
  for (const [i, c] of o.calls.entries())
    for (const [j, a] of c.args.entries()) {
      if (a.kind !== 'balanceFraction') continue
      const field = at(`calls[${i}].args[${j}].contract`)
      const fn = findFunction(abiOf(a.contract, field), 'balanceOf(address)', { field })
      if (!/^uint/.test(fn.fn.outputs[0]?.type ?? ''))
        throw new ConfigError([{ field, message: `${a.contract}.balanceOf(address) must return a uint` }])
      tokens.add(a.contract)
    }
  return [...tokens]
}

function checkExpectable(found: FoundFunction, field: string): void {
  const out = found.fn.outputs[0]?.type ?? ''
  if (!/^(u?int\d*|bool|address|string|bytes\d*)$/.test(out))
    throw new ConfigError([
      {
        field,
        message: `${found.signature} returns ${out || 'nothing'}: an expected result needs one number, bool, address or string`,
      },
    ])
}
