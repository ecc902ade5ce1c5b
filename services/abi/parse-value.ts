import type { AbiParameter } from 'viem'
import { parseAbiType } from './abi-type'
import { isObject } from './json'
import { describe, fail, label } from './messages'
import { parseJson } from './parse-json'
import { type Slot, toAddress, toBool, toBytes, toIntN, toText } from './scalars'

type TupleParameter = AbiParameter & { components: readonly AbiParameter[] }

/**
 * One user value (a form/CLI string or a JSON value) → what viem encodes for `param`, or a
 * ConfigError naming `field` (`args[1]`, `args[2].amount`, `args[0][3]`).
 */
export function parseValue(param: AbiParameter, raw: unknown, field: string): unknown {
  const slot: Slot = { field, label: label(param) }
  const type = parseAbiType(param.type)
  if (!type) return fail(field, `${slot.label} is not an ABI type`)
  switch (type.kind) {
    case 'int':
      return toIntN(raw, type, slot)
    case 'address':
      return toAddress(raw, slot)
    case 'bool':
      return toBool(raw, slot)
    case 'bytes':
      return toBytes(raw, type.size, slot)
    case 'string':
      return toText(raw, slot)
    case 'array': {
      const items = listFrom(raw, slot)
      if (type.length !== undefined && items.length !== type.length)
        fail(field, `${slot.label} must have ${type.length} items (got ${items.length})`)
      const item = { ...param, name: undefined, type: type.item } as AbiParameter
      return items.map((v, i) => parseValue(item, v, `${field}[${i}]`))
    }
    case 'tuple':
      return parseTuple(param as TupleParameter, raw, slot)
    case 'unsupported':
      return fail(field, `${slot.label} cannot be encoded: viem does not support ${type.name} values`)
  }
}

/** Arrays come as JSON arrays, or as the text of one (from a form field or the CLI). */
function listFrom(raw: unknown, slot: Slot): unknown[] {
  const value = typeof raw === 'string' && raw.trim().startsWith('[') ? parseJson(raw, slot.field) : raw
  if (!Array.isArray(value))
    return fail(slot.field, `${slot.label} must be an array, or the JSON text of one (got ${describe(raw)})`)
  return value
}

/**
 * In order (`[a, b]`) or by component name (`{ to, amount }`). Returned as viem decodes it: an
 * object when every component is named, an array otherwise.
 */
function parseTuple(param: TupleParameter, raw: unknown, slot: Slot): unknown {
  const parts = param.components
  const value = typeof raw === 'string' && /^\s*[[{]/.test(raw) ? parseJson(raw, slot.field) : raw
  const names = parts.map((c) => c.name ?? '')
  const byName = names.every(Boolean)
  const at = (i: number) => (byName ? `${slot.field}.${names[i]}` : `${slot.field}[${i}]`)
  let values: unknown[]
  if (Array.isArray(value)) {
    if (value.length !== parts.length)
      fail(slot.field, `${slot.label} must have ${parts.length} values (got ${value.length})`)
    values = value
  } else if (isObject(value) && byName) {
    const unknown = Object.keys(value).find((k) => !names.includes(k))
    if (unknown !== undefined)
      fail(`${slot.field}.${unknown}`, `is not a component of ${slot.label}; it has: ${names.join(', ')}`)
    values = names.map((n, i) => (Object.hasOwn(value, n) ? value[n] : fail(at(i), `${label(parts[i]!)} is missing`)))
  } else {
    const shape = byName ? `an array of ${parts.length} values or an object with ${names.join(', ')}` : 'an array'
    return fail(slot.field, `${slot.label} must be ${shape} (got ${describe(raw)})`)
  }
  const parsed = values.map((v, i) => parseValue(parts[i]!, v, at(i)))
  return byName ? Object.fromEntries(names.map((n, i) => [n, parsed[i]])) : parsed
}
