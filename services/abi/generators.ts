import {
  type AbiFunction,
  type AbiParameter,
  type Address,
  concatHex,
  encodeAbiParameters,
  type Hex,
  toFunctionSelector,
  toHex,
  zeroAddress,
} from 'viem'
import type { z } from 'zod'
import { ConfigError, type FieldIssue } from '../errors/base'
import { formatRange, intRange, parseAbiType } from './abi-type'
import { type ArgSpec, argSpecSchema } from './arg-spec'
import { isObject } from './json'
import { fail, label } from './messages'
import { encodeOrFail, expected } from './parse-args'
import { parseValue } from './parse-value'
import { createRng, deriveSeed } from './rng'
import { checkRefs, refsIn, resolveRefs } from './templates'

export { type ArgSpec, type ArgSpecInput, argSpecSchema } from './arg-spec'
export { createRng } from './rng'

/** What a tx knows when its arguments are made. */
export type ArgContext = { i: number; from: Address; accounts: readonly Address[]; chain?: ChainRefs }

/** The run's contracts and chain state that `{{Name}}`, `contract`, `balanceFraction` and `now` read. */
export type ChainRefs = {
  contracts: Readonly<Record<string, Address>>
  deployer: Address
  /** A holder's balance of a named token, as read when the load started. */
  balanceOf(contract: string, holder: Address): bigint
  /** The chain's time, in seconds. */
  now(): bigint
}

export type ArgGenerators = {
  /** Calldata for tx `ctx.i`: a pure function of (seed, ctx), so a retry re-encodes the same call. */
  encode(ctx: ArgContext): Hex
  /** The argument values for tx `ctx.i` (bigints as bigints), for records and previews. */
  sample(ctx: ArgContext): unknown[]
}

export type CompileArgGeneratorsOptions = {
  seed: number
  /** Planned txs: lets a sequence's last value be range-checked before the run. */
  txs?: number
  /** Run accounts: lets `{ kind: 'account', index }` be checked before the run. */
  accounts?: number
  /** Field prefix in errors; default `args`. */
  field?: string
  /** A workload's contract names: what `{{Name}}`, `contract` and `balanceFraction` may name. */
  contracts?: readonly string[]
}

type Generate = (ctx: ArgContext) => unknown

/**
 * One spec per top-level argument → a per-tx calldata encoder. Every spec is checked against its
 * ABI type here, all at once, so bad input fails before anything is sent; `encode` then does no
 * checking beyond viem's own. Nested values (array items, tuple components) are fixed-only.
 */
export function compileArgGenerators(
  fn: AbiFunction,
  specs: readonly unknown[],
  options: CompileArgGeneratorsOptions,
): ArgGenerators {
  const field = options.field ?? 'args'
  if (!Array.isArray(specs) || specs.length !== fn.inputs.length)
    fail(field, `expected ${expected(fn.inputs)}, got ${Array.isArray(specs) ? specs.length : 'no list'}`)
  const issues: FieldIssue[] = []
  const generators = fn.inputs.map((param, index): Generate => {
    try {
      return compileOne(param, specs[index], { ...options, index, at: `${field}[${index}]` })
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e
      issues.push(...e.issues)
      return () => undefined
    }
  })
  if (issues.length) throw new ConfigError(issues)

  const selector = toFunctionSelector(fn)
  const sample = (ctx: ArgContext) => generators.map((g) => g(ctx))
  const encodeArgs = (ctx: ArgContext) => concatHex([selector, encodeAbiParameters(fn.inputs, sample(ctx))])
  // A dry run catches whatever viem would still refuse, before the run rather than at its first tx.
  const first = encodeOrFail(field, () => encodeArgs(dryRunContext(specs, options.accounts)))
  // Fixed values are one calldata for every tx, unless a `{{…}}` reference resolves per run or sender.
  const constant = specs.every((s) => (!isSpec(s) || s.kind === 'fixed') && !refsIn(s).length) ? first : undefined
  return { encode: constant ? () => constant : encodeArgs, sample }
}

type One = CompileArgGeneratorsOptions & { index: number; at: string }

function compileOne(param: AbiParameter, raw: unknown, opts: One): Generate {
  const parsed = argSpecSchema.safeParse(raw)
  if (!parsed.success) throw new ConfigError(zodIssues(parsed.error, opts.at, isSpec(raw) ? raw.kind : 'fixed'))
  const spec: ArgSpec = parsed.data
  const { at } = opts
  switch (spec.kind) {
    case 'fixed':
      return fixed(param, spec.value, isSpec(raw) ? `${at}.value` : at, opts)
    case 'oneOf': {
      const values = spec.values.map((v, j) => parseValue(param, v, `${at}.values[${j}]`))
      return (ctx) => values[createRng(deriveSeed(opts.seed, ctx.i, opts.index)).below(values.length)]
    }
    case 'sequence':
      return spec.format === undefined ? sequence(param, spec, opts) : formatted(param, spec.format, spec, opts)
    case 'random': {
      const type = integerType(param, at, 'random')
      const outside = [outOfRange(type, spec.min, `${at}.min`), outOfRange(type, spec.max, `${at}.max`)]
      const issues = outside.filter((i) => i !== undefined)
      if (issues.length) throw new ConfigError(issues)
      return (ctx) => createRng(deriveSeed(opts.seed, ctx.i, opts.index)).between(spec.min, spec.max)
    }
    case 'sender':
      addressType(param, at, 'sender')
      return (ctx) => ctx.from
    case 'account':
      addressType(param, at, 'account')
      return account(spec.index, opts)
    case 'contract':
      addressType(param, at, 'contract')
      knownContract(spec.name, `${at}.name`, opts)
      return (ctx) => chainOf(ctx, at).contracts[spec.name]
    case 'balanceFraction': {
      integerType(param, at, 'balanceFraction')
      knownContract(spec.contract, `${at}.contract`, opts)
      // Parts per million: a fraction of a bigint balance without floating-point rounding of the balance.
      const ppm = BigInt(Math.round(spec.fraction * 1_000_000))
      return (ctx) => (chainOf(ctx, at).balanceOf(spec.contract, ctx.from) * ppm) / 1_000_000n
    }
    case 'now': {
      integerType(param, at, 'now')
      const plus = BigInt(spec.plus)
      return (ctx) => chainOf(ctx, at).now() + plus
    }
  }
}

/** A fixed value; with `{{…}}` references, resolved per tx (the sender may differ). */
function fixed(param: AbiParameter, raw: unknown, at: string, opts: One): Generate {
  if (!refsIn(raw).length) {
    const value = parseValue(param, raw, at)
    return () => value
  }
  checkRefs(raw, { contracts: opts.contracts ?? [], accounts: opts.accounts }, at)
  // Resolved once per (run contracts, sender): txs repeat senders, so the parse is not per tx.
  const perSender = refsIn(raw).includes('sender')
  let cache: { chain: ChainRefs | undefined; values: Map<string, unknown> } | undefined
  return (ctx) => {
    if (!cache || cache.chain !== ctx.chain) cache = { chain: ctx.chain, values: new Map<string, unknown>() }
    const { values } = cache
    const key = perSender ? ctx.from : ''
    if (values.has(key)) return values.get(key)
    const resolved = resolveRefs(raw, {
      contracts: ctx.chain?.contracts ?? {},
      deployer: ctx.chain?.deployer ?? ctx.accounts[0] ?? ctx.from,
      sender: ctx.from,
      accounts: ctx.accounts,
    })
    const value = parseValue(param, resolved, at)
    values.set(key, value)
    return value
  }
}

/** A sequence number inside a string (or its UTF-8 bytes): "name-{i}". */
function formatted(param: AbiParameter, format: string, spec: { start: bigint; step: bigint }, opts: One): Generate {
  if (param.type !== 'string' && param.type !== 'bytes')
    fail(opts.at, `${label(param)} cannot take a formatted sequence: only string and bytes parameters can`)
  const text = (i: number) => format.replaceAll('{i}', String(spec.start + spec.step * BigInt(i)))
  return param.type === 'string' ? (ctx) => text(ctx.i) : (ctx) => toHex(text(ctx.i))
}

function knownContract(name: string, at: string, opts: One): void {
  if (!opts.contracts) fail(at, 'names a contract, and only a workload has named contracts')
  if (!opts.contracts.includes(name))
    fail(at, `no contract ${JSON.stringify(name)} in the workload; it has: ${opts.contracts.join(', ')}`)
}

function chainOf(ctx: ArgContext, at: string): ChainRefs {
  return ctx.chain ?? fail(at, "needs the run's contracts and chain time, which this call does not have")
}

function sequence(param: AbiParameter, spec: { start: bigint; step: bigint }, opts: One): Generate {
  const type = integerType(param, opts.at, 'sequence')
  const badStart = outOfRange(type, spec.start, `${opts.at}.start`)
  if (badStart) throw new ConfigError([badStart])
  const { min, max } = intRange(type)
  const last = opts.txs && opts.txs > 1 ? spec.start + spec.step * BigInt(opts.txs - 1) : spec.start
  if (last < min || last > max)
    fail(`${opts.at}.step`, `takes the sequence to ${last} by tx ${opts.txs! - 1}, outside ${formatRange(type)}`)
  return (ctx) => {
    const value = spec.start + spec.step * BigInt(ctx.i)
    if (value < min || value > max)
      fail(opts.at, `sequence reached ${value} at tx ${ctx.i}, outside ${formatRange(type)}`)
    return value
  }
}

/** A fixed index, or the account after the sender (wrapping), so a transfer never goes to itself. */
function account(index: number | undefined, opts: One): Generate {
  if (index !== undefined) {
    if (opts.accounts !== undefined && index >= opts.accounts)
      fail(`${opts.at}.index`, `is ${index}, but the run has ${opts.accounts} accounts (0 to ${opts.accounts - 1})`)
    return (ctx) => ctx.accounts[index] ?? fail(opts.at, `account ${index} does not exist (${ctx.accounts.length})`)
  }
  // Position of each address, built once per accounts list (not a scan per tx).
  const positions = new WeakMap<readonly Address[], Map<string, number>>()
  return (ctx) => {
    let byAddress = positions.get(ctx.accounts)
    if (!byAddress) {
      byAddress = new Map(ctx.accounts.map((a, i) => [a.toLowerCase(), i]))
      positions.set(ctx.accounts, byAddress)
    }
    const next = ((byAddress.get(ctx.from.toLowerCase()) ?? -1) + 1) % Math.max(ctx.accounts.length, 1)
    return ctx.accounts[next] ?? fail(opts.at, 'needs the run accounts, and there are none')
  }
}

function integerType(param: AbiParameter, at: string, kind: string) {
  const type = parseAbiType(param.type)
  if (type?.kind !== 'int') fail(at, `${label(param)} cannot take a ${kind}: only uintN/intN parameters can`)
  return type
}

function addressType(param: AbiParameter, at: string, kind: string): void {
  if (param.type !== 'address') fail(at, `${label(param)} cannot take ${kind}: only address parameters can`)
}

function outOfRange(type: { signed: boolean; bits: number }, value: bigint, field: string): FieldIssue | undefined {
  const { min, max } = intRange(type)
  if (value >= min && value <= max) return undefined
  const name = `${type.signed ? 'int' : 'uint'}${type.bits}`
  return { field, message: `must be between ${formatRange(type)} for ${name} (got ${value})` }
}

/** An object with a `kind` is a spec; anything else is a fixed value (the shorthand). */
const isSpec = (raw: unknown): raw is { kind: unknown; index?: unknown } => isObject(raw) && 'kind' in raw

/** Placeholder addresses, enough for every fixed account index the specs name. */
function dryRunContext(specs: readonly unknown[], accounts: number | undefined): ArgContext {
  const indices = specs.map((s) => (isSpec(s) && s.kind === 'account' && typeof s.index === 'number' ? s.index + 1 : 0))
  const count = Math.max(2, accounts ?? 0, ...indices)
  const chain: ChainRefs = {
    contracts: new Proxy({}, { get: () => zeroAddress }),
    deployer: zeroAddress,
    balanceOf: () => 0n,
    // A plausible block time, so `now` minus a little still fits a uint.
    now: () => 1_700_000_000n,
  }
  return { i: 0, from: zeroAddress, accounts: Array<Address>(count).fill(zeroAddress), chain }
}

/** zod paths → our field names: `args[1].min`, `args[2].values[0]`. */
function zodIssues(error: z.ZodError, at: string, kind: unknown): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => ({
        field: `${at}${path}.${k}`,
        message: `is not an option of a ${String(kind)} spec`,
      }))
    return [{ field: `${at}${path}`, message: issue.message }]
  })
}
