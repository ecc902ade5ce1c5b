import type { AbiParameter } from 'viem'
import { formatAbiParams } from 'viem/utils'
import { ConfigError } from '../errors/base'

/** Throws the one error kind of this module: bad input, naming the field. */
export function fail(field: string, message: string, hint?: string): never {
  throw new ConfigError([{ field, message }], hint ? { hint } : {})
}

/** A user value, short enough for a message and never a dump of what they pasted. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string') return JSON.stringify(value.length > 48 ? `${value.slice(0, 45)}…` : value)
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `an array of ${value.length}`
  return `a ${typeof value}`
}

/** `amount (uint256)`, or just the type for unnamed parameters and array items. */
export function label(param: AbiParameter): string {
  const type = param.type.startsWith('tuple') ? `tuple${formatAbiParams([param])}` : param.type
  return param.name ? `${param.name} (${type})` : type
}

/** At most `max` names, so a 200-function ABI does not flood the form. */
export function listOf(names: readonly string[], max = 30): string {
  if (names.length <= max) return names.join(', ')
  return `${names.slice(0, max).join(', ')} … and ${names.length - max} more`
}
