import { type AbiFunction, type AbiParameter, BaseError, encodeAbiParameters, encodeFunctionData } from 'viem'
import { formatAbiParams } from 'viem/utils'
import { ConfigError, type FieldIssue } from '../errors/base'
import { fail } from './messages'
import { parseValue } from './parse-value'

export type ParseArgsOptions = {
  /** Field prefix in errors; default `args` (so `args[1]`, `args[2].amount`). */
  field?: string
}

/**
 * A function's arguments as the user gave them (form/CLI strings or JSON values) → values viem
 * encodes, checked by really encoding them. Reports every bad argument at once, one issue each.
 */
export function parseArgs(fn: AbiFunction, raw: readonly unknown[], options: ParseArgsOptions = {}): unknown[] {
  const field = options.field ?? 'args'
  const args = parseEach(fn.inputs, raw, field)
  encodeOrFail(field, () => encodeFunctionData({ abi: [fn], functionName: fn.name, args }))
  return args
}

/** The same for a bare parameter list (constructor arguments of a deployment). */
export function parseParams(
  params: readonly AbiParameter[],
  raw: readonly unknown[],
  options: ParseArgsOptions = {},
): unknown[] {
  const field = options.field ?? 'args'
  const args = parseEach(params, raw, field)
  encodeOrFail(field, () => encodeAbiParameters(params, args))
  return args
}

function parseEach(params: readonly AbiParameter[], raw: readonly unknown[], field: string): unknown[] {
  if (!Array.isArray(raw)) fail(field, `must be an array of ${expected(params)}`)
  if (raw.length !== params.length) fail(field, `expected ${expected(params)}, got ${raw.length}`)
  const issues: FieldIssue[] = []
  const args = params.map((param, i) => {
    try {
      return parseValue(param, raw[i], `${field}[${i}]`)
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e
      issues.push(...e.issues)
      return undefined
    }
  })
  if (issues.length) throw new ConfigError(issues)
  return args
}

/** `2 arguments (address to, uint256 amount)`: the count and what each one is. */
export function expected(params: readonly AbiParameter[]): string {
  if (!params.length) return 'no arguments'
  const count = `${params.length} argument${params.length === 1 ? '' : 's'}`
  return `${count} (${formatAbiParams(params, { includeName: true })})`
}

/** Whatever our checks missed, viem catches: same error kind, same field. */
export function encodeOrFail<T>(field: string, encode: () => T): T {
  try {
    return encode()
  } catch (e) {
    if (e instanceof ConfigError) throw e
    const message = e instanceof BaseError ? e.shortMessage : e instanceof Error ? e.message : String(e)
    throw new ConfigError([{ field, message: `could not be encoded: ${message}` }], { cause: e })
  }
}
