import {
  type Abi,
  type AbiParameter,
  BaseError,
  decodeErrorResult,
  type Hex,
  size,
  slice,
  toFunctionSelector,
} from 'viem'
import { formatAbiItem } from 'viem/utils'

type AbiError = Extract<Abi[number], { type: 'error' }>
const selectorOf = (item: AbiError) => toFunctionSelector(formatAbiItem(item))

export type DecodedRevert = {
  kind: 'reason' | 'panic' | 'custom' | 'unknown'
  /** For people and reports: `InsufficientBalance(available: 5, required: 10)`. */
  message: string
  name?: string
  /** JSON-safe (bigints as decimal strings): these go straight into stored errors and the UI. */
  args?: unknown[]
}

const errorString: AbiError = { type: 'error', name: 'Error', inputs: [{ name: 'message', type: 'string' }] }
const panic: AbiError = { type: 'error', name: 'Panic', inputs: [{ name: 'code', type: 'uint256' }] }

/** Solidity's panic codes, in words (a Map: biome would rewrite hex object keys as decimals). */
const panicWords = new Map<number, string>([
  [0x00, 'generic compiler panic'],
  [0x01, 'assert failed'],
  [0x11, 'arithmetic overflow or underflow'],
  [0x12, 'division or modulo by zero'],
  [0x21, 'invalid enum value'],
  [0x22, 'bad storage byte array encoding'],
  [0x31, 'pop() on an empty array'],
  [0x32, 'array index out of bounds'],
  [0x41, 'out of memory (allocation too large)'],
  [0x51, 'call to a zero-initialized function pointer'],
])

/** Revert data → what went wrong: a require() reason, a panic, a custom error, or its selector. */
export function decodeRevert(abi: Abi | undefined, data: Hex | undefined): DecodedRevert {
  return createRevertDecoder(abi)(data)
}

/**
 * The same with the ABI's error selectors computed once: a run may decode thousands of reverts.
 * Fits a scenario's `decodeRevert(data)`.
 */
export function createRevertDecoder(abi: Abi | undefined): (data: Hex | undefined) => DecodedRevert {
  const errors = new Map<Hex, AbiError>()
  for (const item of [...(abi ?? []), errorString, panic])
    if (item.type === 'error' && !errors.has(selectorOf(item))) errors.set(selectorOf(item), item)

  return (data) => {
    if (!data || data === '0x') return { kind: 'unknown', message: 'reverted without a reason (no revert data)' }
    if (!/^0x[0-9a-fA-F]*$/.test(data) || data.length % 2)
      return { kind: 'unknown', message: `revert data is not hex (${data.slice(0, 20)})` }
    if (size(data) < 4) return { kind: 'unknown', message: `revert data too short for a selector (${data})` }
    const selector = slice(data, 0, 4).toLowerCase() as Hex
    const item = errors.get(selector)
    if (!item)
      return { kind: 'unknown', message: `unknown error ${selector} (not in the ABI; add its errors to decode it)` }
    try {
      const { args = [] } = decodeErrorResult({ abi: [item], data })
      return describe(selector, item, args as readonly unknown[])
    } catch (e) {
      const why = e instanceof BaseError ? e.shortMessage : String(e)
      return { kind: 'unknown', message: `${item.name} ${selector} with undecodable data: ${why}` }
    }
  }
}

// By selector, so an ABI that declares Error(string)/Panic(uint256) itself decodes the same.
const errorSelector = selectorOf(errorString)
const panicSelector = selectorOf(panic)

function describe(selector: Hex, item: AbiError, args: readonly unknown[]): DecodedRevert {
  const safe = args.map(jsonSafe)
  if (selector === errorSelector) {
    const reason = String(args[0] ?? '')
    return { kind: 'reason', message: reason || '(empty reason)', name: 'Error', args: safe }
  }
  if (selector === panicSelector) {
    const code = typeof args[0] === 'bigint' ? args[0] : 0n
    const words = panicWords.get(Number(code)) ?? 'unknown panic code'
    return {
      kind: 'panic',
      message: `panic 0x${code.toString(16).padStart(2, '0')}: ${words}`,
      name: 'Panic',
      args: safe,
    }
  }
  const list = item.inputs.map((p, i) => `${p.name ? `${p.name}: ` : ''}${show(p, safe[i])}`)
  return { kind: 'custom', message: `${item.name}(${list.join(', ')})`, name: item.name, args: safe }
}

/** bigint → decimal string, recursively (tuples decode to objects, arrays to arrays). */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(jsonSafe)
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]))
  return value
}

/** Numbers bare, everything else as JSON (strings quoted, so `"5"` and `5` differ). */
function show(param: AbiParameter, value: unknown): string {
  return /^u?int\d*$/.test(param.type) ? String(value) : JSON.stringify(value)
}
