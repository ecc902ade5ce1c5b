import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { issueOf } from '../../abi/test-helpers'
import { checkConfig } from '../../runs/check-config'
import { compileWorkload } from './compile'

const example = parse(readFileSync(new URL('../../../examples/amm-swaps.yaml', import.meta.url), 'utf8'))
type Json = Record<string, unknown>
/** The AMM example with one part changed. */
const amm = (change: (s: Json) => void) => {
  const config = structuredClone(example)
  change(config.scenario)
  return config
}
const calls = (s: Json) => s.calls as Json[]
const contracts = (s: Json) => s.contracts as Record<string, Json>

describe('compileWorkload', () => {
  it('deploys after what each contract references, whatever the order given', () => {
    const reordered = amm((s) => {
      const { Pool, TokenA, TokenB } = contracts(s)
      s.contracts = { Pool, TokenB, TokenA }
    })
    // Pool comes first in the config, but needs both tokens: they go first, in the order it names them.
    expect(compileWorkload(checkConfig(reordered)).contracts.map((c) => c.name)).toEqual(['TokenA', 'TokenB', 'Pool'])
  })

  it('labels calls by name, else Contract.function, and knows each share', () => {
    const w = compileWorkload(checkConfig(example))
    expect(w.calls.map((c) => c.label)).toEqual([
      'swap A→B',
      'swap B→A',
      'Pool.addLiquidity',
      'Pool.removeLiquidity',
      'TokenA.transfer',
    ])
    expect(w.mix.shares).toEqual([0.3, 0.3, 0.1, 0.05, 0.25])
  })

  it('picks calls by weight, the same for the same seed', () => {
    const w = compileWorkload(checkConfig(example))
    const picks = Array.from({ length: 20_000 }, (_, i) => w.mix.pick(i))
    expect(Array.from({ length: 20_000 }, (_, i) => w.mix.pick(i))).toEqual(picks)
    w.mix.shares.forEach((share, k) => {
      const got = picks.filter((p) => p === k).length / picks.length
      expect(Math.abs(got - share)).toBeLessThan(0.02)
    })
  })

  it.each([
    [
      'an unknown contract in a call',
      (s: Json) => {
        calls(s)[0]!.contract = 'Poool'
      },
      'scenario.calls[0].contract',
      /no contract "Poool"; the workload has: TokenA, TokenB, Pool/,
    ],
    [
      'an unknown reference in a constructor',
      (s: Json) => {
        contracts(s).Pool!.constructorArgs = ['{{TokenC}}', '{{TokenB}}']
      },
      'scenario.contracts.Pool.constructorArgs[0].value',
      /\{\{TokenC\}\} names nothing the run has/,
    ],
    [
      'a reference cycle',
      (s: Json) => {
        contracts(s).TokenA = { builtin: 'ConstantProductPool', constructorArgs: ['{{Pool}}', '{{TokenB}}'] }
      },
      'scenario.contracts.TokenA.constructorArgs',
      /TokenA → Pool → TokenA is a reference cycle/,
    ],
    [
      'a function not in that ABI',
      (s: Json) => {
        calls(s)[2]!.function = 'mint'
      },
      'scenario.calls[2].function',
      /mint/,
    ],
    [
      'weight 0',
      (s: Json) => {
        calls(s)[1]!.weight = 0
      },
      'scenario.calls[1].weight',
      /more than 0/,
    ],
    [
      'a negative weight',
      (s: Json) => {
        calls(s)[1]!.weight = -3
      },
      'scenario.calls[1].weight',
      /more than 0/,
    ],
    [
      'a set-up step "from: sender" that runs once',
      (s: Json) => {
        ;(s.setup as Json[])[4]!.from = 'sender'
      },
      'scenario.setup[4].from',
      /runs once/,
    ],
    [
      'a check on a function that writes',
      (s: Json) => {
        ;(s.checks as Json[])[0]!.call = 'swap'
      },
      'scenario.checks[0].call',
      /a check reads state/,
    ],
    [
      'two calls with one name',
      (s: Json) => {
        calls(s)[1]!.name = 'swap A→B'
      },
      'scenario.calls[1].name',
      /names two calls/,
    ],
  ])('%s is bad input naming the field', (_, change, field, message) => {
    const issue = issueOf(() => checkConfig(amm(change)))
    expect(issue.field).toBe(field)
    expect(issue.message).toMatch(message)
  })
})
