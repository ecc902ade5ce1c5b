import fc from 'fast-check'
import { type AbiFunction, type Address, decodeFunctionData, encodeFunctionData } from 'viem'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { type ArgContext, argSpecSchema, compileArgGenerators, createRng } from './generators'
import { fnOf, issueOf, issuesOf } from './test-helpers'

const transfer = fnOf({ name: 'to', type: 'address' }, { name: 'amount', type: 'uint256' })
const accounts = [
  '0x1111111111111111111111111111111111111111',
  '0x2222222222222222222222222222222222222222',
  '0x3333333333333333333333333333333333333333',
] as const satisfies readonly Address[]
const ctx = (i: number, from: Address = accounts[0]): ArgContext => ({ i, from, accounts })
const samples = (fn: AbiFunction, specs: unknown[], n: number, seed = 1) => {
  const gen = compileArgGenerators(fn, specs, { seed })
  return Array.from({ length: n }, (_, i) => gen.sample(ctx(i)))
}

describe('compileArgGenerators: kinds', () => {
  it('fixed (bare or explicit) encodes exactly what viem encodes', () => {
    for (const specs of [
      [accounts[1], '1000'],
      [
        { kind: 'fixed', value: accounts[1] },
        { kind: 'fixed', value: 1000 },
      ],
    ]) {
      const gen = compileArgGenerators(transfer, specs, { seed: 1 })
      const want = encodeFunctionData({ abi: [transfer], functionName: 'f', args: [accounts[1], 1000n] })
      expect(gen.encode(ctx(0))).toBe(want)
      expect(gen.encode(ctx(99))).toBe(want)
      expect(gen.sample(ctx(5))).toEqual([accounts[1], 1000n])
    }
  })

  it('sequence counts by tx index, bigint-safe', () => {
    const fn = fnOf({ name: 'n', type: 'uint256' })
    expect(samples(fn, [{ kind: 'sequence' }], 3)).toEqual([[0n], [1n], [2n]])
    expect(samples(fn, [{ kind: 'sequence', start: '0x10', step: -2 }], 3)).toEqual([[16n], [14n], [12n]])
    const big = 2n ** 200n
    expect(samples(fn, [{ kind: 'sequence', start: big.toString(), step: big.toString() }], 2)).toEqual([
      [big],
      [2n * big],
    ])
  })

  it('random stays in [min, max], hits both ends, and is reproducible from the seed', () => {
    const fn = fnOf({ name: 'n', type: 'uint8' })
    const values = samples(fn, [{ kind: 'random', min: 3, max: 6 }], 200).map(([v]) => v)
    expect(new Set(values)).toEqual(new Set([3n, 4n, 5n, 6n]))
    expect(samples(fn, [{ kind: 'random', min: 3, max: 6 }], 200)).toEqual(values.map((v) => [v]))
    expect(samples(fn, [{ kind: 'random', min: 0, max: 255 }], 50, 2)).not.toEqual(
      samples(fn, [{ kind: 'random', min: 0, max: 255 }], 50, 3),
    )
  })

  it('random works across the whole of uint256 and int256', () => {
    const max = 2n ** 256n - 1n
    const [v] = samples(
      fnOf({ name: 'n', type: 'uint256' }),
      [{ kind: 'random', min: max - 1n, max: max.toString() }],
      1,
    )[0]!
    expect([max - 1n, max]).toContain(v)
    const neg = samples(fnOf({ name: 'n', type: 'int256' }), [{ kind: 'random', min: `${-(2n ** 255n)}`, max: -1 }], 20)
    for (const [n] of neg) expect(n as bigint).toBeLessThan(0n)
  })

  it('oneOf picks among parsed values', () => {
    const fn = fnOf({ name: 'who', type: 'address' })
    const picked = samples(
      fn,
      [{ kind: 'oneOf', values: [accounts[1], accounts[2].toUpperCase().replace('0X', '0x')] }],
      100,
    )
    expect(new Set(picked.map(([a]) => a))).toEqual(new Set([accounts[1], accounts[2]]))
  })

  it('sender is the tx sender; account is an index or the next account after the sender', () => {
    const gen = compileArgGenerators(
      fnOf({ name: 'a', type: 'address' }, { name: 'b', type: 'address' }, { name: 'c', type: 'address' }),
      [{ kind: 'sender' }, { kind: 'account', index: 2 }, { kind: 'account' }],
      { seed: 1 },
    )
    expect(gen.sample(ctx(0, accounts[0]))).toEqual([accounts[0], accounts[2], accounts[1]])
    expect(gen.sample(ctx(0, accounts[2]))).toEqual([accounts[2], accounts[2], accounts[0]]) // wraps
    // An outside sender (not a run account) sends to the first run account.
    const outsider = '0x9999999999999999999999999999999999999999'
    expect(gen.sample(ctx(0, outsider))[2]).toBe(accounts[0])
  })

  it('encode is a pure function of (seed, i): retries and out-of-order calls give the same calldata', () => {
    const gen = compileArgGenerators(
      transfer,
      [{ kind: 'account' }, { kind: 'random', min: 0, max: '1000000000000' }],
      {
        seed: 42,
      },
    )
    const forward = [0, 1, 2, 3].map((i) => gen.encode(ctx(i)))
    const backward = [3, 2, 1, 0].map((i) => gen.encode(ctx(i))).reverse()
    expect(backward).toEqual(forward)
    const decoded = decodeFunctionData({ abi: [transfer], data: forward[0]! })
    expect(decoded.args).toEqual(gen.sample(ctx(0)))
  })

  it('nested values are fixed: arrays and tuples from one spec', () => {
    const fn = fnOf(
      { name: 'ids', type: 'uint16[]' },
      {
        name: 'p',
        type: 'tuple',
        components: [
          { name: 'kind', type: 'uint8' },
          { name: 'ok', type: 'bool' },
        ],
      },
    )
    // A tuple with a component named `kind` needs the explicit form.
    const gen = compileArgGenerators(fn, ['[1,2]', { kind: 'fixed', value: { kind: 3, ok: 'true' } }], { seed: 1 })
    expect(gen.sample(ctx(0))).toEqual([[1n, 2n], { kind: 3n, ok: true }])
  })
})

describe('compileArgGenerators: everything is checked before the run', () => {
  it('wrong spec count', () => {
    expect(issueOf(() => compileArgGenerators(transfer, [accounts[0]], { seed: 1 }))).toEqual({
      field: 'args',
      message: 'expected 2 arguments (address to, uint256 amount), got 1',
    })
  })

  it('a fixed value is parsed by the ABI type, at the path it was written at', () => {
    expect(issueOf(() => compileArgGenerators(transfer, [accounts[0], -1], { seed: 1 }))).toEqual({
      field: 'args[1]',
      message: 'amount (uint256) must be between 0 and 2^256-1 (got -1)',
    })
    expect(issueOf(() => compileArgGenerators(transfer, [{ kind: 'fixed', value: '0x12' }, 1], { seed: 1 }))).toEqual({
      field: 'args[0].value',
      message: 'to (address) must be a 20-byte 0x address (got 1 byte)',
    })
    expect(
      issueOf(() => compileArgGenerators(transfer, [accounts[0], { kind: 'oneOf', values: [1, 'x'] }], { seed: 1 }))
        .field,
    ).toBe('args[1].values[1]')
  })

  it('sequence/random only for integers; sender/account only for addresses', () => {
    const issues = issuesOf(() =>
      compileArgGenerators(transfer, [{ kind: 'random', min: 0, max: 1 }, { kind: 'sender' }], { seed: 1 }),
    )
    expect(issues).toEqual([
      { field: 'args[0]', message: 'to (address) cannot take a random: only uintN/intN parameters can' },
      { field: 'args[1]', message: 'amount (uint256) cannot take sender: only address parameters can' },
    ])
    expect(issueOf(() => compileArgGenerators(transfer, [{ kind: 'sequence' }, 1], { seed: 1 })).message).toBe(
      'to (address) cannot take a sequence: only uintN/intN parameters can',
    )
  })

  it('a random range beyond the type', () => {
    const fn = fnOf({ name: 'n', type: 'uint8' })
    expect(issuesOf(() => compileArgGenerators(fn, [{ kind: 'random', min: -1, max: 300 }], { seed: 1 }))).toEqual([
      { field: 'args[0].min', message: 'must be between 0 and 255 for uint8 (got -1)' },
      { field: 'args[0].max', message: 'must be between 0 and 255 for uint8 (got 300)' },
    ])
    expect(issueOf(() => compileArgGenerators(fn, [{ kind: 'random', min: 5, max: 4 }], { seed: 1 }))).toEqual({
      field: 'args[0].max',
      message: 'must be at least min',
    })
  })

  it('a sequence that would leave the type within the planned txs', () => {
    const fn = fnOf({ name: 'n', type: 'uint8' })
    expect(issueOf(() => compileArgGenerators(fn, [{ kind: 'sequence', start: 200 }], { seed: 1, txs: 100 }))).toEqual({
      field: 'args[0].step',
      message: 'takes the sequence to 299 by tx 99, outside 0 and 255',
    })
    expect(issueOf(() => compileArgGenerators(fn, [{ kind: 'sequence', start: 256 }], { seed: 1 })).field).toBe(
      'args[0].start',
    )
    // Without `txs` it can only be caught at the tx that overflows — still a ConfigError.
    const gen = compileArgGenerators(fn, [{ kind: 'sequence', start: 250 }], { seed: 1 })
    expect(issueOf(() => gen.encode(ctx(6))).message).toBe('sequence reached 256 at tx 6, outside 0 and 255')
  })

  it('an account index beyond the run accounts', () => {
    const fn = fnOf({ name: 'a', type: 'address' })
    expect(issueOf(() => compileArgGenerators(fn, [{ kind: 'account', index: 3 }], { seed: 1, accounts: 3 }))).toEqual({
      field: 'args[0].index',
      message: 'is 3, but the run has 3 accounts (0 to 2)',
    })
  })

  it('bad spec shapes name the option', () => {
    const fn = fnOf({ name: 'n', type: 'uint8' })
    expect(issueOf(() => compileArgGenerators(fn, [{ kind: 'rand' }], { seed: 1 }))).toEqual({
      field: 'args[0].kind',
      message: 'must be one of: fixed, sequence, random, oneOf, sender, account, contract, balanceFraction, now',
    })
    const typo = issuesOf(() => compileArgGenerators(fn, [{ kind: 'random', min: 1, maxx: 2 }], { seed: 1 }))
    expect(typo.map((i) => i.field).sort()).toEqual(['args[0].max', 'args[0].maxx'])
    expect(issuesOf(() => compileArgGenerators(fn, [{ kind: 'sequence', stepp: 2 }], { seed: 1 }))).toEqual([
      { field: 'args[0].stepp', message: 'is not an option of a sequence spec' },
    ])
    expect(issueOf(() => compileArgGenerators(fn, [{ kind: 'random', min: '1e3', max: 2 }], { seed: 1 }))).toEqual({
      field: 'args[0].min',
      message: 'must be a whole number',
    })
    expect(issueOf(() => compileArgGenerators(fn, [{ kind: 'oneOf', values: [] }], { seed: 1 })).message).toBe(
      'needs at least one value',
    )
  })

  it('reports all bad specs at once, under the field prefix it is given', () => {
    const issues = issuesOf(() => compileArgGenerators(transfer, ['nope', 'nope'], { seed: 1, field: 'scenario.args' }))
    expect(issues.map((i) => i.field)).toEqual(['scenario.args[0]', 'scenario.args[1]'])
  })
})

describe('argSpecSchema', () => {
  it('embeds in a config schema, and its output compiles again', () => {
    const config = z.object({ args: z.array(argSpecSchema) })
    const parsed = config.parse({ args: [{ kind: 'account' }, { kind: 'random', min: '1', max: 10 }] })
    expect(parsed.args).toEqual([{ kind: 'account' }, { kind: 'random', min: 1n, max: 10n }])
    const gen = compileArgGenerators(transfer, parsed.args, { seed: 7 })
    expect(gen.sample(ctx(0))[0]).toBe(accounts[1])
  })

  it('reads a bare value as fixed', () => {
    expect(argSpecSchema.parse('5')).toEqual({ kind: 'fixed', value: '5' })
    expect(argSpecSchema.parse({ to: 'x' })).toEqual({ kind: 'fixed', value: { to: 'x' } })
    expect(argSpecSchema.parse({ kind: 'sequence' })).toEqual({ kind: 'sequence', start: 0n, step: 1n })
  })
})

describe('createRng', () => {
  it('is deterministic per seed', () => {
    const a = createRng(5)
    const b = createRng(5)
    expect([a.uint32(), a.uint32(), a.below(10)]).toEqual([b.uint32(), b.uint32(), b.below(10)])
    expect(createRng(5).uint32()).not.toBe(createRng(6).uint32())
  })

  it('between stays within any bigint range, inclusive', () => {
    fc.assert(
      fc.property(fc.integer(), fc.bigInt(), fc.bigInt({ min: 0n, max: 2n ** 300n }), (seed, min, span) => {
        const rng = createRng(seed)
        for (let k = 0; k < 5; k++) {
          const v = rng.between(min, min + span)
          expect(v >= min && v <= min + span).toBe(true)
        }
      }),
    )
  })

  it('random specs inside any integer type stay inside [min, max]', () => {
    const spec = fc
      .record({ signed: fc.boolean(), bits: fc.integer({ min: 1, max: 32 }).map((n) => n * 8) })
      .chain((t) => {
        const max = t.signed ? (1n << BigInt(t.bits - 1)) - 1n : (1n << BigInt(t.bits)) - 1n
        const min = t.signed ? -(1n << BigInt(t.bits - 1)) : 0n
        return fc.tuple(fc.constant(t), fc.bigInt({ min, max }), fc.bigInt({ min, max }))
      })
    fc.assert(
      fc.property(spec, fc.nat(), ([t, a, b], i) => {
        const [lo, hi] = a < b ? [a, b] : [b, a]
        const fn = fnOf({ name: 'n', type: `${t.signed ? 'int' : 'uint'}${t.bits}` })
        const gen = compileArgGenerators(fn, [{ kind: 'random', min: lo.toString(), max: hi.toString() }], { seed: i })
        const [v] = gen.sample(ctx(i)) as [bigint]
        expect(v >= lo && v <= hi).toBe(true)
        expect(gen.encode(ctx(i))).toMatch(/^0x[0-9a-f]{72}$/)
      }),
      { numRuns: 300 },
    )
  })
})
