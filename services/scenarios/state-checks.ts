import { type Abi, type AbiFunction, type Address, decodeFunctionResult, encodeFunctionData, type Hex } from 'viem'
import { findFunction } from '../abi/find-function'
import { parseArgs } from '../abi/parse-args'
import type { StateCheckConfig } from '../config/state-check-schema'
import { ConfigError } from '../errors/base'
import type { ScenarioCheck } from './types'

type Value = bigint | boolean | string

export type CompiledStateCheck = {
  name: string
  fn: AbiFunction
  data: Hex
  expect: StateCheckConfig['expect']
}

/** Outputs a check can compare: one number, bool, address, bytes or string. */
const comparable = /^(u?int\d*|bool|address|bytes\d*|string)$/

/**
 * The checks of a custom call, validated against the target's ABI before anything is sent: each
 * names a view function with one comparable output, its args encode, and a numeric expectation
 * is asked only of a number. Errors name `scenario.checks[i]…`.
 */
export function compileStateChecks(
  abi: Abi,
  checks: readonly StateCheckConfig[],
  fieldOf: (i: number) => string = (i) => `scenario.checks[${i}]`,
): CompiledStateCheck[] {
  return checks.map((c, i) => {
    const field = fieldOf(i)
    const found = findFunction(abi, c.call, { field: `${field}.call` })
    const out = found.fn.outputs
    const bad = (message: string, hint?: string) => new ConfigError([{ field: `${field}.call`, message }], { hint })
    if (!found.readOnly)
      throw bad(`${found.signature} is ${found.fn.stateMutability}: a check reads state`, 'Name a view function.')
    if (out.length !== 1 || !comparable.test(out[0]?.type ?? ''))
      throw bad(`${found.signature} must return one number, bool, address, bytes or string`)
    const numeric = /int/.test(out[0]?.type ?? '')
    if (c.expect !== 'unchanged' && (c.expect === 'notDecreased' || !('equals' in c.expect)) && !numeric)
      throw new ConfigError([
        {
          field: `${field}.expect`,
          message: `${found.signature} returns ${out[0]?.type}: only "unchanged" or {equals} apply`,
        },
      ])
    const eq = typeof c.expect === 'object' && 'equals' in c.expect ? c.expect.equals : undefined
    if (numeric && eq !== undefined && !(typeof eq === 'number' || /^-?(0x[0-9a-fA-F]+|[0-9]+)$/.test(String(eq))))
      throw new ConfigError([
        { field: `${field}.expect.equals`, message: `${found.signature} returns a number: expected a whole number` },
      ])
    const args = parseArgs(found.fn, c.args, { field: `${field}.args` })
    const data = encodeFunctionData({ abi: [found.fn], functionName: found.fn.name, args })
    const shownArgs = c.args.length ? c.args.map((a) => String(a)).join(', ') : ''
    return { name: c.name ?? `${found.fn.name}(${shownArgs})`, fn: found.fn, data, expect: c.expect }
  })
}

/** Reads every check's value with eth_call on the target. */
export async function readStateChecks(
  call: (to: Address, data: Hex) => Promise<Hex>,
  to: Address,
  checks: readonly CompiledStateCheck[],
): Promise<Value[]> {
  return Promise.all(
    checks.map(async (c) => {
      const raw = await call(to, c.data)
      const v = decodeFunctionResult({ abi: [c.fn], functionName: c.fn.name, data: raw }) as unknown
      // Small ints (uint8…uint48) decode to numbers: compare everything numeric as bigint.
      return typeof v === 'number' ? BigInt(v) : (v as Value)
    }),
  )
}

const show = (v: Value) => (typeof v === 'string' ? v : String(v))
const same = (a: Value, b: Value) =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b

/** Before and after values → pass/fail, with what was expected and what the chain said. */
export function evaluateStateChecks(
  checks: readonly CompiledStateCheck[],
  before: readonly Value[],
  after: readonly Value[],
  mined: number,
): ScenarioCheck[] {
  return checks.map((c, i) => {
    const b = before[i] as Value
    const a = after[i] as Value
    const e = c.expect
    const num = (v: Value) => (typeof v === 'bigint' ? v : 0n)
    const result = (ok: boolean, expected: string, actual = show(a)) => ({ name: c.name, ok, expected, actual })
    if (e === 'unchanged') return result(same(a, b), `unchanged (${show(b)})`)
    if (e === 'notDecreased') return result(num(a) >= num(b), `≥ ${show(b)} (before the run)`)
    if ('equals' in e) {
      const want: Value =
        typeof a === 'bigint' && typeof e.equals !== 'boolean'
          ? BigInt(e.equals)
          : typeof e.equals === 'number'
            ? BigInt(e.equals)
            : e.equals
      return result(same(a, want), show(want))
    }
    if ('atLeast' in e) return result(num(a) >= BigInt(e.atLeast), `≥ ${BigInt(e.atLeast)}`)
    if ('atMost' in e) return result(num(a) <= BigInt(e.atMost), `≤ ${BigInt(e.atMost)}`)
    const step = 'increasedBy' in e ? BigInt(e.increasedBy) : BigInt(e.increasedByMined) * BigInt(mined)
    const how = 'increasedBy' in e ? `${step}` : `${mined} mined × ${BigInt(e.increasedByMined)} = ${step}`
    return result(
      num(a) - num(b) === step,
      `increase of ${how}`,
      `increase of ${num(a) - num(b)} (${show(b)} → ${show(a)})`,
    )
  })
}
