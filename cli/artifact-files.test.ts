import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { stringify as toYaml } from 'yaml'
import { issueOf } from '../services/abi/test-helpers'
import { writeAt, writeFoundryProject } from '../test/helpers/foundry-project'
import { inlineArtifactFiles } from './artifact-files'
import { loadConfig } from './load-config'

const { dir, out } = writeFoundryProject()
const counterJson = JSON.parse(readFileSync(join(out, 'Counter.sol/Counter.json'), 'utf8')) as unknown
const call = (target: Record<string, unknown>) => ({
  txs: 2,
  accounts: 1,
  scenario: { name: 'custom-call', target, function: 'increment' },
})
const configAt = (relative: string, config: unknown) => writeAt(dir, relative, toYaml(config))
type Target = { artifact: unknown; libraries?: unknown }
const targetOf = (c: { scenario?: unknown }) => (c.scenario as { target: Target }).target

describe('artifact references in a config file', () => {
  it('reads a path relative to the config file and inlines its JSON', () => {
    const file = configAt('configs/counter.yaml', call({ artifact: '../out/Counter.sol/Counter.json' }))
    expect(targetOf(loadConfig(file, {})).artifact).toEqual(counterJson)
  })

  it('finds a bare name in foundryOut (relative to the file) or --foundry-out (relative to the cwd)', () => {
    const file = configAt('named.yaml', { foundryOut: 'out', ...call({ artifact: 'Counter' }) })
    expect(targetOf(loadConfig(file, {})).artifact).toEqual(counterJson)
    const noOut = configAt('named-flag.yaml', call({ artifact: 'Counter.sol:Counter' }))
    expect(targetOf(loadConfig(noOut, { foundryOut: out })).artifact).toEqual(counterJson)
  })

  it('leaves JSON text and parsed values alone', () => {
    const text = JSON.stringify(counterJson)
    const file = configAt('inline.yaml', call({ artifact: text }))
    expect(targetOf(loadConfig(file, {})).artifact).toBe(text)
    expect(inlineArtifactFiles({ scenario: { target: { artifact: counterJson } } }, { baseDir: dir })).toEqual({
      scenario: { target: { artifact: counterJson } },
    })
  })

  it('resolves scenario.contracts.<Name>.artifact of any scenario, without knowing its schema', () => {
    const config = { scenario: { name: 'workload', contracts: { Pool: { artifact: 'Counter', extra: 1 }, Raw: 5 } } }
    expect(inlineArtifactFiles(config, { baseDir: dir, foundryOut: out })).toEqual({
      scenario: { name: 'workload', contracts: { Pool: { artifact: counterJson, extra: 1 }, Raw: 5 } },
    })
  })

  it('names the field and the resolved path of a missing, unreadable or non-JSON file', () => {
    const missing = configAt('missing.yaml', call({ artifact: 'out/Nope.sol/Nope.json' }))
    expect(issueOf(() => loadConfig(missing, {}))).toEqual({
      field: 'scenario.target.artifact',
      message: `cannot read ${join(dir, 'out/Nope.sol/Nope.json')}: no such file`,
    })
    const folder = configAt('folder.yaml', call({ artifact: 'out/Counter.sol' }))
    expect(issueOf(() => loadConfig(folder, {})).message).toBe(
      `cannot read ${join(dir, 'out/Counter.sol')}: is a directory`,
    )
    writeAt(dir, 'broken.json', '{"abi": [')
    const broken = configAt('broken.yaml', call({ artifact: 'broken.json' }))
    expect(issueOf(() => loadConfig(broken, {})).message).toBe(
      `${join(dir, 'broken.json')} is not valid JSON: Unexpected end of JSON input at position 9 (line 1, column 10)`,
    )
    const pool = { scenario: { name: 'workload', contracts: { Pool: { artifact: 'pool.json' } } } }
    expect(issueOf(() => inlineArtifactFiles(pool, { baseDir: dir }))).toEqual({
      field: 'scenario.contracts.Pool.artifact',
      message: `cannot read ${join(dir, 'pool.json')}: no such file`,
    })
  })

  it('says a bare name needs an out/ directory, and which names there are when it is unknown', () => {
    const bare = configAt('bare.yaml', call({ artifact: 'Counter' }))
    expect(issueOf(() => loadConfig(bare, {})).message).toBe(
      '"Counter" is a contract name, and no Foundry out/ directory was given',
    )
    expect(issueOf(() => loadConfig(bare, { foundryOut: join(dir, 'nowhere') }))).toEqual({
      field: 'foundryOut',
      message: `${join(dir, 'nowhere')} cannot be read`,
    })
    const unknown = configAt('unknown.yaml', { foundryOut: 'out', ...call({ artifact: 'Pool' }) })
    expect(issueOf(() => loadConfig(unknown, {})).message).toBe(
      `no contract "Pool" in ${out}; it has: Counter, MathLib, Summer`,
    )
    const badOut = configAt('bad-out.yaml', { foundryOut: 5, txs: 1 })
    expect(issueOf(() => loadConfig(badOut, {})).field).toBe('foundryOut')
  })

  it('a contract that needs libraries names them until `libraries` gives their addresses', () => {
    const summer = (target: Record<string, unknown>) => ({
      foundryOut: 'out',
      txs: 2,
      scenario: { name: 'custom-call', target, function: 'addTo', args: [1] },
    })
    const file = configAt('summer.yaml', summer({ artifact: 'Summer' }))
    expect(issueOf(() => loadConfig(file, {}))).toEqual({
      field: 'scenario.target.artifact',
      message: 'has no bytecode to deploy: it needs libraries linked first (src/Summer.sol:MathLib)',
    })
    const library = `0x${'ab'.repeat(20)}`
    const linked = configAt('summer-linked.yaml', summer({ artifact: 'Summer', libraries: { MathLib: library } }))
    expect(targetOf(loadConfig(linked, {})).libraries).toEqual({ MathLib: library })
  })
})
