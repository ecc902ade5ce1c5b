import fc from 'fast-check'
import { type Abi, encodeErrorResult, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { createRevertDecoder, decodeRevert } from './decode-revert'
import solcOutput from './fixtures/solc-output.json'
import { loadContractInterface } from './load-abi'

const { abi } = loadContractInterface(solcOutput, { contractName: 'Vault' })
const reasonAbi = [{ type: 'error', name: 'Error', inputs: [{ name: 'message', type: 'string' }] }] as const
const panicAbi = [{ type: 'error', name: 'Panic', inputs: [{ name: 'code', type: 'uint256' }] }] as const
const panicData = (code: bigint) => encodeErrorResult({ abi: panicAbi, errorName: 'Panic', args: [code] })

describe('decodeRevert', () => {
  it('decodes a require() reason, with or without an ABI', () => {
    const data = encodeErrorResult({ abi: reasonAbi, errorName: 'Error', args: ['not enough'] })
    for (const withAbi of [abi, undefined])
      expect(decodeRevert(withAbi, data)).toEqual({
        kind: 'reason',
        message: 'not enough',
        name: 'Error',
        args: ['not enough'],
      })
    const empty = encodeErrorResult({ abi: reasonAbi, errorName: 'Error', args: [''] })
    expect(decodeRevert(undefined, empty).message).toBe('(empty reason)')
  })

  it.each([
    [0x01n, 'panic 0x01: assert failed'],
    [0x11n, 'panic 0x11: arithmetic overflow or underflow'],
    [0x12n, 'panic 0x12: division or modulo by zero'],
    [0x32n, 'panic 0x32: array index out of bounds'],
    [0x41n, 'panic 0x41: out of memory (allocation too large)'],
    [0x51n, 'panic 0x51: call to a zero-initialized function pointer'],
    [0x99n, 'panic 0x99: unknown panic code'],
  ])('names panic %s', (code, message) => {
    expect(decodeRevert(undefined, panicData(code))).toEqual({
      kind: 'panic',
      message,
      name: 'Panic',
      args: [code.toString()],
    })
  })

  it('decodes custom errors from the ABI, bigints as strings', () => {
    const data = encodeErrorResult({ abi, errorName: 'InsufficientBalance', args: [5n, 2n ** 200n] })
    expect(decodeRevert(abi, data)).toEqual({
      kind: 'custom',
      message: `InsufficientBalance(available: 5, required: ${2n ** 200n})`,
      name: 'InsufficientBalance',
      args: ['5', (2n ** 200n).toString()],
    })
    const nope = encodeErrorResult({ abi, errorName: 'Nope' })
    expect(decodeRevert(abi, nope)).toEqual({ kind: 'custom', message: 'Nope()', name: 'Nope', args: [] })
    expect(JSON.parse(JSON.stringify(decodeRevert(abi, data)))).toEqual(decodeRevert(abi, data))
  })

  it('makes nested args JSON-safe and quotes strings', () => {
    const custom = [
      {
        type: 'error',
        name: 'Bad',
        inputs: [
          { name: 'why', type: 'string' },
          {
            name: 'p',
            type: 'tuple',
            components: [
              { name: 'n', type: 'uint64' },
              { name: 'ids', type: 'uint256[]' },
            ],
          },
        ],
      },
    ] as const satisfies Abi
    const data = encodeErrorResult({ abi: custom, errorName: 'Bad', args: ['5', { n: 1n, ids: [2n, 3n] }] })
    expect(decodeRevert(custom, data)).toEqual({
      kind: 'custom',
      message: 'Bad(why: "5", p: {"n":"1","ids":["2","3"]})',
      name: 'Bad',
      args: ['5', { n: '1', ids: ['2', '3'] }],
    })
  })

  it('gives the selector of errors it does not know', () => {
    const data = encodeErrorResult({ abi, errorName: 'InsufficientBalance', args: [1n, 2n] })
    expect(decodeRevert(undefined, data)).toEqual({
      kind: 'unknown',
      message: `unknown error ${data.slice(0, 10)} (not in the ABI; add its errors to decode it)`,
    })
  })

  it('handles no data, short data and malformed data', () => {
    expect(decodeRevert(abi, undefined)).toEqual({
      kind: 'unknown',
      message: 'reverted without a reason (no revert data)',
    })
    expect(decodeRevert(abi, '0x')).toEqual({ kind: 'unknown', message: 'reverted without a reason (no revert data)' })
    expect(decodeRevert(abi, '0x1234').message).toBe('revert data too short for a selector (0x1234)')
    expect(decodeRevert(abi, '0x08c379a0ff').kind).toBe('unknown') // Error(string) selector, broken body
    expect(decodeRevert(abi, 'nothex' as Hex).kind).toBe('unknown')
  })

  it('never throws, whatever the data', () => {
    const decode = createRevertDecoder(abi)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.constantFrom('', '08c379a0', '4e487b71'), (bytes, prefix) => {
        const data = `0x${prefix}${Buffer.from(bytes).toString('hex')}` as Hex
        const result = decode(data)
        expect(['reason', 'panic', 'custom', 'unknown']).toContain(result.kind)
        expect(typeof result.message).toBe('string')
      }),
    )
  })
})
