import type { Abi, AbiParameter } from 'viem'
import type { FieldIssue } from '../errors/base'
import { ConfigError } from '../errors/base'
import { canonicalType, parseAbiType } from './abi-type'
import { isObject, type Json } from './json'

const itemTypes = ['function', 'constructor', 'event', 'error', 'fallback', 'receive'] as const
const mutabilities = ['pure', 'view', 'nonpayable', 'payable'] as const
const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/
/** Tuples inside tuples deeper than this are no real contract's, and each level is a recursion here. */
export const maxTupleDepth = 32

/**
 * Checks an ABI's shape and returns a normalized copy viem can use: legacy fields (`constant`,
 * `payable`, missing `type`/`outputs`) filled in, `uint` spelled `uint256` so selectors are right.
 * Types viem cannot encode (fixed, function) pass here: they only fail if a call uses them.
 */
export function checkAbi(value: readonly unknown[], field = 'abi'): Abi {
  const issues: FieldIssue[] = []
  const items = value.map((item, i) => {
    try {
      return checkItem(item)
    } catch (e) {
      if (!(e instanceof ItemError)) throw e
      issues.push({ field, message: `item ${i}${e.where}: ${e.message}` })
      return undefined
    }
  })
  if (issues.length) throw new ConfigError(issues.slice(0, 10), { hint: 'Paste the ABI the compiler wrote.' })
  return items as unknown as Abi
}

class ItemError extends Error {
  constructor(
    message: string,
    readonly where = '',
  ) {
    super(message)
  }
}

function checkItem(item: unknown): Json {
  if (!isObject(item)) throw new ItemError('must be an object with a "type"')
  const type = item.type ?? 'function' // the ABI spec lets `type` default to function
  if (typeof type !== 'string' || !(itemTypes as readonly string[]).includes(type))
    throw new ItemError(`type ${JSON.stringify(type)} is not one of ${itemTypes.join(', ')}`)
  const named = type === 'function' || type === 'event' || type === 'error'
  if (named && (typeof item.name !== 'string' || !identifier.test(item.name)))
    throw new ItemError(`a ${type} needs a name (got ${JSON.stringify(item.name)})`)
  const where = named ? ` (${type} ${item.name})` : ` (${type})`
  try {
    return normalizeItem(item, type)
  } catch (e) {
    if (e instanceof ItemError) throw new ItemError(e.message, where)
    throw e
  }
}

function normalizeItem(item: Json, type: string): Json {
  const out: Json = { ...item, type }
  if (type !== 'fallback' && type !== 'receive') out.inputs = checkParams(item.inputs, 'inputs', type === 'event')
  if (type === 'function') out.outputs = checkParams(item.outputs, 'outputs', false)
  if (type === 'function' || type === 'constructor' || type === 'fallback' || type === 'receive')
    out.stateMutability = mutability(item)
  return out
}

function mutability(item: Json): string {
  const given = item.stateMutability
  if (given === undefined) return item.constant === true ? 'view' : item.payable === true ? 'payable' : 'nonpayable'
  if (typeof given === 'string' && (mutabilities as readonly string[]).includes(given)) return given
  throw new ItemError(`stateMutability ${JSON.stringify(given)} is not one of ${mutabilities.join(', ')}`)
}

function checkParams(params: unknown, where: string, event: boolean): AbiParameter[] {
  if (params === undefined) return []
  if (!Array.isArray(params)) throw new ItemError(`${where} must be an array`)
  return params.map((p, i) => checkParam(p, `${where}[${i}]`, event))
}

function checkParam(param: unknown, where: string, event: boolean, depth = 0): AbiParameter {
  if (!isObject(param) || typeof param.type !== 'string') throw new ItemError(`${where} needs a "type" string`)
  if (param.name !== undefined && typeof param.name !== 'string') throw new ItemError(`${where}.name must be a string`)
  const type = canonicalType(param.type)
  if (!parseAbiType(type))
    throw new ItemError(`${where} has type ${JSON.stringify(param.type.slice(0, 80))}, not an ABI type`)
  const out: Json = { ...param, type }
  if (!event) delete out.indexed
  if (type.startsWith('tuple')) {
    if (!Array.isArray(param.components)) throw new ItemError(`${where} is a tuple without "components"`)
    if (depth >= maxTupleDepth) throw new ItemError(`${where} nests tuples deeper than ${maxTupleDepth} levels`)
    out.components = param.components.map((c, i) => checkParam(c, `${where}.components[${i}]`, false, depth + 1))
  } else delete out.components
  return out as AbiParameter
}
