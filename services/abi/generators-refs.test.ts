import { type AbiFunction, type Address, decodeFunctionData, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { type ArgContext, type ChainRefs, compileArgGenerators } from './generators'
import { fnOf, issueOf } from './test-helpers'

const a = (n: number) => `0x${String(n).repeat(40).slice(0, 40)}` as Address
const accounts = [a(1), a(2), a(3)]
const chain: ChainRefs = {
  contracts: { TokenA: a(7), Pool: a(8) },
  deployer: a(9),
  balanceOf: (c, holder) => (c === 'TokenA' && holder === a(2) ? 1_000_000n : 0n),
  now: () => 1_000n,
}
const ctx = (i: number, from: Address = accounts[0]!): ArgContext => ({ i, from, accounts, chain })
const opts = { seed: 1, accounts: 3, contracts: ['TokenA', 'Pool'] }
const decoded = (fn: AbiFunction, specs: unknown[], c: ArgContext) =>
  decodeFunctionData({ abi: [fn], data: compileArgGenerators(fn, specs, opts).encode(c) }).args

describe('references and workload generators', () => {
  const approve = fnOf({ name: 'spender', type: 'address' }, { name: 'to', type: 'address' })

  it('{{Name}}, {{sender}}, {{deployer}} and {{accounts[i]}} resolve per tx, not to the placeholders of the dry run', () => {
    expect(decoded(approve, ['{{Pool}}', '{{sender}}'], ctx(0, a(2)))).toEqual([a(8), a(2)])
    expect(decoded(approve, ['{{Pool}}', '{{sender}}'], ctx(1, a(3)))).toEqual([a(8), a(3)])
    expect(decoded(approve, ['{{deployer}}', '{{accounts[2]}}'], ctx(0))).toEqual([a(9), a(3)])
    // Inside arrays too (a swap path).
    const path = fnOf({ name: 'path', type: 'address[]' })
    expect(decoded(path, [['{{TokenA}}', '{{Pool}}']], ctx(0))).toEqual([[a(7), a(8)]])
  })

  it('a reference to nothing the run has is bad input naming the field', () => {
    expect(issueOf(() => compileArgGenerators(approve, ['{{Pol}}', '{{sender}}'], opts))).toEqual({
      field: 'args[0]',
      message: '{{Pol}} names nothing the run has; it may name: TokenA, Pool, deployer, sender, accounts[N]',
    })
    expect(issueOf(() => compileArgGenerators(approve, ['{{accounts[3]}}', '{{sender}}'], opts)).message).toMatch(
      /the run has 3 accounts/,
    )
  })

  it('contract, balanceFraction and now', () => {
    const fn = fnOf(
      { name: 'c', type: 'address' },
      { name: 'amount', type: 'uint256' },
      { name: 'deadline', type: 'uint256' },
    )
    const specs = [
      { kind: 'contract', name: 'TokenA' },
      { kind: 'balanceFraction', contract: 'TokenA', fraction: 0.05 },
      { kind: 'now', plus: 600 },
    ]
    expect(decoded(fn, specs, ctx(0, a(2)))).toEqual([a(7), 50_000n, 1_600n])
    expect(decoded(fn, specs, ctx(0, a(3)))).toEqual([a(7), 0n, 1_600n])
  })

  it('contract names are only for workloads, and must exist', () => {
    const fn = fnOf({ name: 'c', type: 'address' })
    expect(issueOf(() => compileArgGenerators(fn, [{ kind: 'contract', name: 'X' }], { seed: 1 }))).toEqual({
      field: 'args[0].name',
      message: 'names a contract, and only a workload has named contracts',
    })
    expect(issueOf(() => compileArgGenerators(fn, [{ kind: 'contract', name: 'X' }], opts)).message).toBe(
      'no contract "X" in the workload; it has: TokenA, Pool',
    )
  })

  it('a formatted sequence makes a unique string (or its bytes) per tx', () => {
    const s = fnOf({ name: 'name', type: 'string' })
    expect(decoded(s, [{ kind: 'sequence', format: 'name-{i}', start: 10 }], ctx(5))).toEqual(['name-15'])
    const b = fnOf({ name: 'data', type: 'bytes' })
    expect(decoded(b, [{ kind: 'sequence', format: 'x{i}' }], ctx(2))).toEqual([toHex('x2')])
    const n = fnOf({ name: 'n', type: 'uint256' })
    expect(issueOf(() => compileArgGenerators(n, [{ kind: 'sequence', format: 'n{i}' }], opts)).message).toMatch(
      /only string and bytes parameters can/,
    )
  })
})
