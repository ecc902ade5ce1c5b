import { type Address, getAddress, type Hex } from 'viem'
import { formatRange, intRange } from './abi-type'
import { describe, fail } from './messages'

const bytes = (n: number) => `${n} byte${n === 1 ? '' : 's'}`

/** Where a value goes: the field for the error and the words naming the parameter. */
export type Slot = { field: string; label: string }

/**
 * A whole number from a safe JS number, a bigint, a decimal string (`-12`) or a 0x hex string.
 * Hex is the number's value, not two's complement: `0xff` is 255 (too big for int8).
 */
export function toInteger(raw: unknown, slot: Slot): bigint {
  if (typeof raw === 'bigint') return raw
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) fail(slot.field, `${slot.label} must be a whole number (got ${describe(raw)})`)
    if (!Number.isSafeInteger(raw))
      fail(slot.field, `${slot.label} is beyond 2^53, where JSON numbers lose digits; pass it as a string (got ${raw})`)
    return BigInt(raw)
  }
  if (typeof raw === 'string') {
    const text = raw.trim()
    if (/^-?[0-9]+$/.test(text) || /^0x[0-9a-fA-F]+$/.test(text)) return BigInt(text)
  }
  return fail(slot.field, `${slot.label} must be a whole number, decimal or 0x hex (got ${describe(raw)})`)
}

export function toIntN(raw: unknown, type: { signed: boolean; bits: number }, slot: Slot): bigint {
  const value = toInteger(raw, slot)
  const { min, max } = intRange(type)
  if (value < min || value > max)
    fail(slot.field, `${slot.label} must be between ${formatRange(type)} (got ${describe(value)})`)
  return value
}

/** 20 bytes exactly; mixed case must be a valid EIP-55 checksum (all-lower/upper carries none). */
export function toAddress(raw: unknown, slot: Slot): Address {
  const bad = (got: string) => fail(slot.field, `${slot.label} must be a 20-byte 0x address (got ${got})`)
  if (typeof raw !== 'string') return bad(describe(raw))
  const text = raw.trim()
  if (!text.startsWith('0x')) return bad(`${describe(raw)}, no 0x prefix`)
  const digits = text.slice(2)
  if (!/^[0-9a-fA-F]*$/.test(digits)) return bad(`${describe(raw)}, which is not hex`)
  if (digits.length % 2) return bad(`${digits.length} hex digits`)
  if (digits.length !== 40) return bad(bytes(digits.length / 2))
  const checksummed = getAddress(text.toLowerCase())
  const mixed = digits !== digits.toLowerCase() && digits !== digits.toUpperCase()
  if (mixed && checksummed !== text)
    fail(
      slot.field,
      `${slot.label} has a wrong EIP-55 checksum (got ${text}); check it for typos`,
      'A mixed-case address carries a checksum; write it all lowercase to skip the check.',
    )
  // viem rejects all-uppercase hex as a bad checksum, so hand it the checksummed form.
  return checksummed
}

export function toBool(raw: unknown, slot: Slot): boolean {
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : raw
  if (text === true || text === 'true' || text === 1 || text === '1') return true
  if (text === false || text === 'false' || text === 0 || text === '0') return false
  return fail(slot.field, `${slot.label} must be true or false, or 1/0 (got ${describe(raw)})`)
}

/** `bytes` (any even-length hex) or `bytesN` (exactly N bytes). */
export function toBytes(raw: unknown, size: number | undefined, slot: Slot): Hex {
  const want = size === undefined ? '0x hex with an even number of digits' : `${size} bytes of 0x hex`
  const bad = (got: string) => fail(slot.field, `${slot.label} must be ${want} (got ${got})`)
  if (typeof raw !== 'string') return bad(describe(raw))
  const text = raw.trim()
  if (!/^0x[0-9a-fA-F]*$/.test(text)) return bad(`${describe(raw)}, which is not 0x hex`)
  const digits = text.length - 2
  if (digits % 2) return bad(`${digits} hex digits`)
  if (size !== undefined && digits / 2 !== size) return bad(bytes(digits / 2))
  return text as Hex
}

export function toText(raw: unknown, slot: Slot): string {
  if (typeof raw !== 'string') return fail(slot.field, `${slot.label} must be a string (got ${describe(raw)})`)
  return raw
}
