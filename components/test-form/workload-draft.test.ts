import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseTestConfig, publicConfig } from '@/services/config/parse'
import { configToDraft } from './config-to-draft'
import { draftToConfig } from './draft-to-config'

/** A saved test comes back as the server stores it: parsed, every default filled in, JSON. */
const stored = (config: unknown) => publicConfig(parseTestConfig(config))
const example = parse(readFileSync(join(__dirname, '../../examples/amm-swaps.yaml'), 'utf8'))
const roundTrip = (config: unknown) => draftToConfig(configToDraft(config))
/** An input holds text: a fixed value typed as a number (YAML's `0`) comes back as the same number in text. */
const fixedAsText = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v), (_k, x) =>
    x && x.kind === 'fixed' && typeof x.value === 'number' ? { ...x, value: String(x.value) } : x,
  )

const artifact = { contractName: 'Pool', abi: [{ type: 'constructor', inputs: [] }], bytecode: '0x6000' }
const everyKind = {
  mode: 'concurrent',
  txs: 50,
  accounts: 4,
  scenario: {
    name: 'workload',
    contracts: {
      Lib: { address: `0x${'22'.repeat(20)}`, abi: [] },
      Pool: { artifact, contractName: 'Pool', constructorArgs: [], libraries: { MathLib: '{{Lib}}' } },
      Token: { builtin: 'StressToken' },
    },
    setup: [
      { contract: 'Token', function: 'mint', forEach: 'sender', from: 'deployer', args: ['{{sender}}', '5'] },
      { contract: 'Token', function: 'approve', forEach: 'sender', args: ['{{Pool}}', '9'], expect: { atLeast: 1 } },
    ],
    calls: [
      {
        name: 'spend',
        contract: 'Token',
        function: 'transfer(address,uint256)',
        args: [
          { kind: 'contract', name: 'Pool' },
          { kind: 'balanceFraction', contract: 'Token', fraction: 0.5 },
        ],
        value: '7',
        gas: '90000',
        weight: 3,
      },
      {
        contract: 'Token',
        function: 'transfer',
        args: [
          { kind: 'account', index: 1 },
          { kind: 'random', min: '1', max: '9' },
        ],
        weight: 0.5,
      },
    ],
    checks: [
      { contract: 'Token', call: 'totalSupply()', expect: 'unchanged' },
      { name: 'pool balance', contract: 'Token', call: 'balanceOf', args: ['{{Pool}}'], expect: { atLeast: 100 } },
      { contract: 'Token', call: 'decimals()', expect: { equals: 18 } },
      { contract: 'Token', call: 'totalSupply()', expect: { increasedByMined: 0 } },
    ],
    seed: 9,
  },
}

describe('workload draft ↔ config', () => {
  it('keeps examples/amm-swaps.yaml, as stored, unchanged through the form', () => {
    const saved = stored(example)
    expect(stored(roundTrip(saved))).toEqual(fixedAsText(saved))
  })

  it('a workload the form sends reloads from the store as the very same config', () => {
    for (const source of [example, everyKind]) {
      const sent = roundTrip(stored(source))
      expect(roundTrip(stored(sent))).toEqual(sent)
    }
  })

  it('keeps every source, step, call and check option, and sends fixed values as plain values', () => {
    const back = roundTrip(everyKind)
    expect(back.scenario).toEqual(everyKind.scenario)
  })

  it('leaves out what the schema defaults, so the YAML view stays short', () => {
    const sent = roundTrip(stored(example)).scenario as Record<string, unknown>
    const swap = (sent.calls as Record<string, unknown>[])[0]
    expect(swap).toEqual({
      name: 'swap A→B',
      contract: 'Pool',
      function: 'swap',
      args: [
        '{{TokenA}}',
        { kind: 'random', min: '1000000000000000000', max: '100000000000000000000' },
        '0',
        '{{sender}}',
        { kind: 'now', plus: 600 },
      ],
      weight: 30,
    })
    expect(sent).not.toHaveProperty('seed')
  })
})
