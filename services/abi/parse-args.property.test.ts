import fc from 'fast-check'
import { type AbiFunction, decodeFunctionData, encodeFunctionData, getAddress, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/base'
import { intRange } from './abi-type'
import { parseArgs } from './parse-args'

const fnOf = (type: string): AbiFunction => ({
  type: 'function',
  name: 'f',
  inputs: [{ name: 'x', type }],
  outputs: [],
  stateMutability: 'nonpayable',
})

/** An integer type: uint8…uint256 / int8…int256. */
const intType = fc.record({ signed: fc.boolean(), bits: fc.integer({ min: 1, max: 32 }).map((n) => n * 8) })
const typeName = (t: { signed: boolean; bits: number }) => `${t.signed ? 'int' : 'uint'}${t.bits}`

/** The ways a user can write the same integer. */
function spellings(value: bigint): unknown[] {
  const out: unknown[] = [value, value.toString(), ` ${value} `]
  if (value >= 0n) out.push(toHex(value))
  if (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) out.push(Number(value))
  return out
}

describe('parseArgs properties', () => {
  it('uintN/intN inside the range: parse → encode → decode gives the value back, however it is written', () => {
    const inRange = intType.chain((t) => {
      const { min, max } = intRange(t)
      return fc.tuple(fc.constant(t), fc.bigInt({ min, max }))
    })
    fc.assert(
      fc.property(inRange, fc.nat(), ([t, value], pick) => {
        const fn = fnOf(typeName(t))
        const options = spellings(value)
        const raw = options[pick % options.length]
        const args = parseArgs(fn, [raw])
        const data = encodeFunctionData({ abi: [fn], functionName: 'f', args: args as never })
        // viem decodes types up to 48 bits as numbers, wider ones as bigints.
        const [decoded] = decodeFunctionData({ abi: [fn], data }).args ?? []
        expect(BigInt(decoded as number | bigint)).toBe(value)
      }),
      { numRuns: 1000 },
    )
  })

  it('uintN/intN outside the range: always a ConfigError naming the argument and the range', () => {
    const outside = intType.chain((t) => {
      const { min, max } = intRange(t)
      const over = fc.bigInt({ min: max + 1n, max: max + 2n ** 300n })
      const under = fc.bigInt({ min: min - 2n ** 300n, max: min - 1n })
      return fc.tuple(fc.constant(t), fc.oneof(over, under))
    })
    fc.assert(
      fc.property(outside, fc.nat(), ([t, value], pick) => {
        const options = spellings(value)
        const raw = options[pick % options.length]
        try {
          parseArgs(fnOf(typeName(t)), [raw])
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError)
          const [issue] = (e as ConfigError).issues
          expect(issue?.field).toBe('args[0]')
          expect(issue?.message).toMatch(new RegExp(`^x \\(${typeName(t)}\\) must be between `))
          return
        }
        throw new Error(`accepted ${String(raw)} for ${typeName(t)}`)
      }),
      { numRuns: 1000 },
    )
  })

  it('any value for any type: a result viem encodes, or a ConfigError — never another exception', () => {
    const types = fc.constantFrom(
      'uint8',
      'int256',
      'address',
      'bool',
      'bytes',
      'bytes32',
      'string',
      'uint8[]',
      'bool[2]',
      'fixed128x18',
    )
    fc.assert(
      fc.property(types, fc.oneof(fc.anything(), fc.string(), fc.json(), fc.bigInt()), (type, raw) => {
        const fn = fnOf(type)
        try {
          const args = parseArgs(fn, [raw])
          encodeFunctionData({ abi: [fn], functionName: 'f', args: args as never })
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError)
          expect((e as ConfigError).issues[0]?.field).toMatch(/^args\[0\]/)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('addresses in any case without a checksum, or with the right one, parse to the checksummed form', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.constantFrom('lower', 'upper', 'checksum'),
        (bytes, style) => {
          const lower = toHex(bytes)
          const checksummed = getAddress(lower)
          const raw = style === 'lower' ? lower : style === 'upper' ? `0x${lower.slice(2).toUpperCase()}` : checksummed
          expect(parseArgs(fnOf('address'), [raw])).toEqual([checksummed])
        },
      ),
    )
  })
})
