/**
 * The Solidity ABI type grammar, parsed once so loading, argument parsing and generators agree on
 * what `uint8`, `bytes32[2][]` or `tuple[]` mean.
 */
export type BaseType =
  | { kind: 'int'; signed: boolean; bits: number }
  | { kind: 'address' }
  | { kind: 'bool' }
  | { kind: 'string' }
  | { kind: 'bytes'; size?: number }
  | { kind: 'tuple' }
  /** Valid ABI types that viem cannot encode (fixed-point numbers, external function pointers). */
  | { kind: 'unsupported'; name: string }

export type AbiType =
  | BaseType
  /** `T[]` (length undefined) or `T[k]`; `item` is the element's type string (`uint8[2][]` → `uint8[2]`). */
  | { kind: 'array'; length?: number; item: string }

const arraySuffix = /^(.+)\[(\d*)\]$/
const intType = /^(u?)int(\d*)$/
const bytesType = /^bytes(\d+)$/
const fixedType = /^u?fixed(?:(\d+)x(\d+))?$/

/**
 * Longer type strings are no compiler's output. The cap matters: each `[]` is one level of
 * recursion here, so a pasted `uint8[][]…` of thousands of levels would overflow the stack.
 */
export const maxTypeLength = 256

/** Parses one type string; undefined when it is not an ABI type at all. */
export function parseAbiType(type: string): AbiType | undefined {
  if (type.length > maxTypeLength) return undefined
  const array = arraySuffix.exec(type)
  if (array) {
    const [, item = '', digits = ''] = array
    const length = digits === '' ? undefined : Number(digits)
    if (length !== undefined && (length < 1 || !Number.isSafeInteger(length))) return undefined
    return parseAbiType(item) && { kind: 'array', length, item }
  }
  return parseBaseType(type)
}

function parseBaseType(type: string): BaseType | undefined {
  if (type === 'address' || type === 'bool' || type === 'string' || type === 'tuple') return { kind: type }
  if (type === 'bytes') return { kind: 'bytes' }
  if (type === 'function') return { kind: 'unsupported', name: type }
  const int = intType.exec(type)
  if (int) {
    const bits = int[2] ? Number(int[2]) : 256
    if (bits < 8 || bits > 256 || bits % 8 !== 0 || int[2]?.startsWith('0')) return undefined
    return { kind: 'int', signed: int[1] !== 'u', bits }
  }
  const bytes = bytesType.exec(type)
  if (bytes) {
    const size = Number(bytes[1])
    return size >= 1 && size <= 32 && !bytes[1]?.startsWith('0') ? { kind: 'bytes', size } : undefined
  }
  const fixed = fixedType.exec(type)
  if (fixed) {
    const [, m, n] = fixed
    const ok = m === undefined || (Number(m) % 8 === 0 && Number(m) >= 8 && Number(m) <= 256 && Number(n) <= 80)
    return ok ? { kind: 'unsupported', name: type } : undefined
  }
  return undefined
}

/**
 * `uint`/`int` are Solidity aliases; selectors hash the canonical `uint256`, so the ABI must say it.
 */
export function canonicalType(type: string): string {
  return type.replace(/^(u?int)(?=\[|$)/, '$1256').replace(/^(u?fixed)(?=\[|$)/, '$1128x18')
}

/** Inclusive bounds of an integer type. */
export function intRange(type: { signed: boolean; bits: number }): { min: bigint; max: bigint } {
  const bits = BigInt(type.bits)
  return type.signed
    ? { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n }
    : { min: 0n, max: (1n << bits) - 1n }
}

/** Bounds for messages: exact for small types, `2^255-1` style for the huge ones. */
export function formatRange(type: { signed: boolean; bits: number }): string {
  if (type.bits <= 64) {
    const { min, max } = intRange(type)
    return `${min} and ${max}`
  }
  return type.signed ? `-2^${type.bits - 1} and 2^${type.bits - 1}-1` : `0 and 2^${type.bits}-1`
}
