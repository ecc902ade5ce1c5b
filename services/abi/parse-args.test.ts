import { encodeFunctionData, getAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { findFunction } from './find-function'
import solcOutput from './fixtures/solc-output.json'
import { loadContractInterface } from './load-abi'
import { parseArgs, parseParams } from './parse-args'
import { fnOf, issueOf, issuesOf } from './test-helpers'

const one = (type: string, raw: unknown) => parseArgs(fnOf({ name: 'x', type }), [raw])[0]
const oneIssue = (type: string, raw: unknown) => issueOf(() => parseArgs(fnOf({ name: 'x', type }), [raw]))

const vault = loadContractInterface(solcOutput, { contractName: 'Vault' }).abi
const place = findFunction(vault, 'place').fn // place((address to, uint96 amount, bytes32 tag) order, uint8[3] levels)
const transfer = fnOf({ name: 'to', type: 'address' }, { name: 'amount', type: 'uint256' })
const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

describe('parseArgs: the product spec cases', () => {
  it('wrong arg count names expected vs got and lists the parameters', () => {
    expect(issueOf(() => parseArgs(transfer, [alice]))).toEqual({
      field: 'args',
      message: 'expected 2 arguments (address to, uint256 amount), got 1',
    })
    expect(issueOf(() => parseArgs(fnOf(), [1])).message).toBe('expected no arguments, got 1')
  })

  it('-1 for uint8', () => {
    expect(oneIssue('uint8', -1)).toEqual({ field: 'args[0]', message: 'x (uint8) must be between 0 and 255 (got -1)' })
  })

  it('a 19-byte address', () => {
    expect(issueOf(() => parseArgs(transfer, [`0x${'ab'.repeat(19)}`, 1]))).toEqual({
      field: 'args[0]',
      message: 'to (address) must be a 20-byte 0x address (got 19 bytes)',
    })
  })
})

describe('parseArgs: integers', () => {
  it.each([
    ['uint8', 255, 255n],
    ['uint8', '255', 255n],
    ['uint8', ' 0xff ', 255n],
    ['uint8', 7n, 7n],
    ['int8', '-128', -128n],
    ['int8', 127, 127n],
    ['uint256', `${2n ** 256n - 1n}`, 2n ** 256n - 1n],
    ['int256', `${-(2n ** 255n)}`, -(2n ** 255n)],
    ['uint96', '0x0', 0n],
  ])('%s from %s', (type, raw, want) => {
    expect(one(type, raw)).toBe(want)
  })

  it.each([
    ['uint8', 256, 'x (uint8) must be between 0 and 255 (got 256)'],
    ['int8', -129, 'x (int8) must be between -128 and 127 (got -129)'],
    ['int8', '0x80', 'x (int8) must be between -128 and 127 (got 128)'],
    ['uint256', `${2n ** 256n}`, `x (uint256) must be between 0 and 2^256-1 (got ${2n ** 256n})`],
    ['int128', `${2n ** 127n}`, `x (int128) must be between -2^127 and 2^127-1 (got ${2n ** 127n})`],
    ['uint64', 1.5, 'x (uint64) must be a whole number (got 1.5)'],
    [
      'uint64',
      2 ** 60,
      'x (uint64) is beyond 2^53, where JSON numbers lose digits; pass it as a string (got 1152921504606847000)',
    ],
    ['uint64', '12abc', 'x (uint64) must be a whole number, decimal or 0x hex (got "12abc")'],
    ['uint64', '', 'x (uint64) must be a whole number, decimal or 0x hex (got "")'],
    ['uint64', '1e18', 'x (uint64) must be a whole number, decimal or 0x hex (got "1e18")'],
    ['uint64', true, 'x (uint64) must be a whole number, decimal or 0x hex (got true)'],
    ['uint64', null, 'x (uint64) must be a whole number, decimal or 0x hex (got null)'],
    ['int64', '-0x1', 'x (int64) must be a whole number, decimal or 0x hex (got "-0x1")'],
  ])('%s rejects %j', (type, raw, message) => {
    expect(oneIssue(type, raw)).toEqual({ field: 'args[0]', message })
  })
})

describe('parseArgs: addresses', () => {
  const lower = alice.toLowerCase()
  it('accepts lowercase, uppercase and checksummed, and hands viem the checksummed form', () => {
    for (const raw of [alice, lower, `0x${lower.slice(2).toUpperCase()}`, ` ${alice} `])
      expect(one('address', raw)).toBe(alice)
  })

  it.each([
    [`0x${lower.slice(2, 41)}`, 'x (address) must be a 20-byte 0x address (got 39 hex digits)'],
    [`0x${lower.slice(2)}00`, 'x (address) must be a 20-byte 0x address (got 21 bytes)'],
    [lower.slice(2), `x (address) must be a 20-byte 0x address (got "${lower.slice(2)}", no 0x prefix)`],
    ['0xzz', 'x (address) must be a 20-byte 0x address (got "0xzz", which is not hex)'],
    [42, 'x (address) must be a 20-byte 0x address (got 42)'],
  ])('rejects %j', (raw, message) => {
    expect(oneIssue('address', raw)).toEqual({ field: 'args[0]', message })
  })

  it('rejects a mixed-case address with a wrong checksum', () => {
    const typo = alice.replace('C51812dc', 'C51812dC')
    expect(oneIssue('address', typo).message).toBe(
      `x (address) has a wrong EIP-55 checksum (got ${typo}); check it for typos`,
    )
  })
})

describe('parseArgs: bool, bytes, string', () => {
  it.each([true, 'true', ' TRUE ', 1, '1'])('bool true from %j', (raw) => expect(one('bool', raw)).toBe(true))
  it.each([false, 'false', 0, '0'])('bool false from %j', (raw) => expect(one('bool', raw)).toBe(false))
  it('bool rejects anything else', () => {
    expect(oneIssue('bool', 'yes').message).toBe('x (bool) must be true or false, or 1/0 (got "yes")')
    expect(oneIssue('bool', 2).message).toBe('x (bool) must be true or false, or 1/0 (got 2)')
  })

  it('bytesN needs exactly N bytes', () => {
    expect(one('bytes4', '0xdeadBEEF')).toBe('0xdeadBEEF')
    expect(oneIssue('bytes32', `0x${'00'.repeat(31)}`).message).toBe(
      'x (bytes32) must be 32 bytes of 0x hex (got 31 bytes)',
    )
    expect(oneIssue('bytes4', '0xdeadbee').message).toBe('x (bytes4) must be 4 bytes of 0x hex (got 7 hex digits)')
    expect(oneIssue('bytes4', 'deadbeef').message).toBe(
      'x (bytes4) must be 4 bytes of 0x hex (got "deadbeef", which is not 0x hex)',
    )
  })

  it('bytes takes any even-length hex, including none', () => {
    expect(one('bytes', '0x')).toBe('0x')
    expect(one('bytes', '0x0102')).toBe('0x0102')
    expect(oneIssue('bytes', '0x123').message).toBe(
      'x (bytes) must be 0x hex with an even number of digits (got 3 hex digits)',
    )
  })

  it('string takes strings as they are, and nothing else', () => {
    expect(one('string', ' hi ')).toBe(' hi ')
    expect(oneIssue('string', 5).message).toBe('x (string) must be a string (got 5)')
  })

  it('names types viem cannot encode', () => {
    expect(oneIssue('fixed128x18', '1.5').message).toBe(
      'x (fixed128x18) cannot be encoded: viem does not support fixed128x18 values',
    )
  })
})

describe('parseArgs: arrays', () => {
  it('from a JSON array or the JSON text of one', () => {
    expect(one('uint8[]', [1, '2', '0x3'])).toEqual([1n, 2n, 3n])
    expect(one('uint8[]', ' [1, 2] ')).toEqual([1n, 2n])
    expect(one('uint8[2][]', '[[1,2],[3,4]]')).toEqual([
      [1n, 2n],
      [3n, 4n],
    ])
  })

  it('names the bad item', () => {
    expect(oneIssue('uint8[]', [1, 2, 3, 300])).toEqual({
      field: 'args[0][3]',
      message: 'uint8 must be between 0 and 255 (got 300)',
    })
    expect(
      oneIssue('uint8[2][]', [
        [1, 2],
        [3, -4],
      ]).field,
    ).toBe('args[0][1][1]')
  })

  it('checks fixed lengths', () => {
    expect(oneIssue('uint8[3]', [1, 2])).toEqual({
      field: 'args[0]',
      message: 'x (uint8[3]) must have 3 items (got 2)',
    })
    expect(oneIssue('uint8[2][]', [[1]])).toEqual({
      field: 'args[0][0]',
      message: 'uint8[2] must have 2 items (got 1)',
    })
  })

  it('rejects non-arrays and broken JSON text', () => {
    expect(oneIssue('uint8[]', 5).message).toBe('x (uint8[]) must be an array, or the JSON text of one (got 5)')
    expect(oneIssue('uint8[]', '[1,,2]')).toEqual({
      field: 'args[0]',
      message: "is not valid JSON: Unexpected token ',' at position 3 (line 1, column 4)",
    })
  })
})

describe('parseArgs: tuples', () => {
  const order = { to: alice, amount: '1000', tag: `0x${'11'.repeat(32)}` }
  const parsedOrder = { to: alice, amount: 1000n, tag: order.tag }

  it('from an object by component name, an array in order, or JSON text', () => {
    for (const raw of [order, [alice, 1000, order.tag], JSON.stringify(order)])
      expect(parseArgs(place, [raw, [1, 2, 3]])).toEqual([parsedOrder, [1n, 2n, 3n]])
  })

  it('encodes like viem does with the typed values', () => {
    const args = parseArgs(place, [order, '[1,2,3]'])
    const direct = encodeFunctionData({ abi: [place], functionName: 'place', args: [parsedOrder, [1, 2, 3]] as never })
    expect(encodeFunctionData({ abi: [place], functionName: 'place', args: args as never })).toBe(direct)
  })

  it('names the component that is wrong, missing or unknown', () => {
    expect(issueOf(() => parseArgs(place, [{ ...order, amount: -5 }, [1, 2, 3]]))).toEqual({
      field: 'args[0].amount',
      message: 'amount (uint96) must be between 0 and 2^96-1 (got -5)',
    })
    expect(issueOf(() => parseArgs(place, [{ to: alice, tag: order.tag }, [1, 2, 3]]))).toEqual({
      field: 'args[0].amount',
      message: 'amount (uint96) is missing',
    })
    expect(issueOf(() => parseArgs(place, [{ ...order, memo: 'x' }, [1, 2, 3]]))).toEqual({
      field: 'args[0].memo',
      message: 'is not a component of order (tuple(address,uint96,bytes32)); it has: to, amount, tag',
    })
    expect(
      issueOf(() =>
        parseArgs(place, [
          [alice, 1],
          [1, 2, 3],
        ]),
      ),
    ).toEqual({
      field: 'args[0]',
      message: 'order (tuple(address,uint96,bytes32)) must have 3 values (got 2)',
    })
  })

  it('uses indexes for unnamed components and returns an array, as viem decodes them', () => {
    const fn = fnOf({ name: 'p', type: 'tuple', components: [{ type: 'uint8' }, { type: 'bool' }] })
    expect(parseArgs(fn, [['1', 'true']])).toEqual([[1n, true]])
    expect(issueOf(() => parseArgs(fn, [[1, 'maybe']])).field).toBe('args[0][1]')
    expect(issueOf(() => parseArgs(fn, [{ a: 1 }])).message).toBe(
      'p (tuple(uint8,bool)) must be an array (got a object)',
    )
  })

  it('reaches into arrays of tuples', () => {
    const fn = fnOf({
      name: 'orders',
      type: 'tuple[]',
      components: [
        { name: 'to', type: 'address' },
        { name: 'amount', type: 'uint256' },
      ],
    })
    expect(
      issueOf(() =>
        parseArgs(fn, [
          [
            { to: alice, amount: 1 },
            { to: alice, amount: 'lots' },
          ],
        ]),
      ).field,
    ).toBe('args[0][1].amount')
  })
})

describe('parseArgs: reporting', () => {
  it('reports every bad argument at once, one issue each', () => {
    const issues = issuesOf(() => parseArgs(transfer, ['0x1234', -1]))
    expect(issues.map((i) => i.field)).toEqual(['args[0]', 'args[1]'])
  })

  it('rejects a non-array argument list', () => {
    expect(issueOf(() => parseArgs(transfer, 'abc' as never)).message).toBe(
      'must be an array of 2 arguments (address to, uint256 amount)',
    )
  })

  it('uses the field prefix it is given', () => {
    expect(issueOf(() => parseArgs(transfer, [alice, -1], { field: 'scenario.args' })).field).toBe('scenario.args[1]')
  })

  it('returns values viem encodes to the same calldata', () => {
    const args = parseArgs(transfer, [alice.toLowerCase(), '0x10'])
    expect(args).toEqual([getAddress(alice), 16n])
    expect(encodeFunctionData({ abi: [transfer], functionName: 'f', args: args as never })).toBe(
      encodeFunctionData({ abi: [transfer], functionName: 'f', args: [alice, 16n] }),
    )
  })
})

describe('parseParams', () => {
  it('parses a bare parameter list, e.g. constructor arguments', () => {
    const params = [
      { name: 'name', type: 'string' },
      { name: 'supply', type: 'uint256' },
    ] as const
    expect(parseParams(params, ['Token', '1000'])).toEqual(['Token', 1000n])
    expect(issueOf(() => parseParams(params, ['Token', 'x'], { field: 'constructorArgs' })).field).toBe(
      'constructorArgs[1]',
    )
  })
})
