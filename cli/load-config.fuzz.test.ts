import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { parse as fromYaml, stringify as toYaml } from 'yaml'
import { testConfigSchema } from '../services/config/schema'
import { ConfigError } from '../services/errors/base'
import { badConfig, badUrl, baseConfig, namesField, nested } from '../test/helpers/bad-inputs'
import { exitCodes } from './exit-codes'
import { list, loadConfig, numeric } from './load-config'
import { describeFailure } from './run-command'

/**
 * The CLI's input path (a config file, then flags over it → one TestConfig), fed generated bad
 * input: every one must be the CLI's config error naming the field (exit code 2), never another
 * exception. In-process, because spawning the CLI hundreds of times is slow; a few real spawns
 * are in test/integration/cli-bad-input.test.ts.
 */

const dir = mkdtempSync(join(tmpdir(), 'evm-stress-cli-fuzz-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
function file(ext: string, text: string): string {
  const path = join(dir, `c${files++}.${ext}`)
  writeFileSync(path, text)
  return path
}

/** Runs loadConfig; returns the ConfigError it must throw (anything else fails the property). */
function refusal(path: string | undefined, flags: Record<string, unknown>): ConfigError {
  let error: unknown
  try {
    loadConfig(path, flags)
  } catch (e) {
    error = e
  }
  if (error === undefined) throw new Error(`accepted: file ${path}, flags ${JSON.stringify(flags)?.slice(0, 200)}`)
  if (!(error instanceof ConfigError)) throw error
  expect(describeFailure(error).code).toBe(exitCodes.badInput)
  expect(error.issues.length).toBeGreaterThan(0)
  for (const issue of error.issues) expect(issue.field).toMatch(/\S/)
  return error
}

/** A custom call whose one parameter is given (as a value, or as JSON text too deep to stringify). */
function deepCall(param: unknown): string {
  const text = typeof param === 'string' ? param : JSON.stringify(param)
  const abi = `[{"type":"function","name":"f","inputs":[${text}]}]`
  return `{"scenario":{"name":"custom-call","target":{"address":"0x${'00'.repeat(19)}aa","abi":${abi}},"function":"f"}}`
}
const tupleOpen = '{"name":"x","type":"tuple","components":['

let checked = 0
afterAll(() => {
  // The issue asks for at least 500 generated bad inputs; this file alone feeds the CLI more.
  expect(checked).toBeGreaterThanOrEqual(500)
})

// Flags as commander hands them over: text, through numeric() or list() where the CLI says so.
const numericFlags = [
  'txs',
  'accounts',
  'concurrency',
  'rate',
  'batchSize',
  'delayMs',
  'blockTime',
  'retries',
  'inclusionTimeoutMs',
  'stuckAfterMs',
] as const
/** Bad for every numeric flag, and then some that are bad for most (0 is a fine delay, 1.5 a fine rate). */
const badNumberText = fc.oneof(
  fc.constantFrom('-5', '-0.5', '1e12', '', ' ', 'ten', '0x10', '1,000', 'NaN', '99999999999999999999'),
  fc.string({ maxLength: 20 }).map((s) => `n${s}`),
)
const fineFor: Record<string, string[]> = { rate: ['1.5'], blockTime: ['1.5'], delayMs: ['0'], retries: ['0'] }
const badNumberFor = (key: string) =>
  fc.oneof(
    badNumberText,
    fc.constantFrom('0', '1.5').filter((t) => !fineFor[key]?.includes(t)),
  )
const badText: Record<string, fc.Arbitrary<string>> = {
  mode: fc.string({ maxLength: 20 }).map((s) => `m${s}`),
  rotation: fc.constantFrom('robin', 'Random', ''),
  funding: fc.constantFrom('always', 'AUTO', ''),
  mining: fc.constantFrom('auto', 'instant', ''),
  value: fc.constantFrom('-1', '1.5', '1e18', 'one', ''),
  gasLimit: fc.constantFrom('-1', '21000.5', 'lots'),
  maxFeePerGas: fc.constantFrom('1 gwei', '-3', '0xg'),
  maxPriorityFeePerGas: fc.constantFrom('2gwei', '1.0'),
  fundWith: fc.constantFrom('100 ETH', '-1'),
  lowBalanceWei: fc.constantFrom('low', '0.1'),
  to: fc.constantFrom('0x12', 'vitalik.eth', `0x${'g'.repeat(40)}`, ''),
  funderKey: fc.constantFrom('0x12', `0x${'z'.repeat(64)}`, 'my key'),
  mnemonic: fc.constantFrom('one two three', 'abandon '.repeat(12).trim(), ''),
  rpcUrl: badUrl.filter((u): u is string => typeof u === 'string'),
  scenario: fc.string({ maxLength: 20 }).map((s) => `s${s}`),
}
const badListText: Record<string, fc.Arbitrary<string>> = {
  privateKeys: fc.constantFrom('0x12', `0x${'11'.repeat(32)},nope`, ',,,'),
  impersonate: fc.constantFrom('0x12', `0x${'aa'.repeat(20)},bob`, ' , '),
}
const badFlag: fc.Arbitrary<{ key: string; value: unknown }> = fc.oneof(
  fc.constantFrom(...numericFlags).chain((key) => badNumberFor(key).map((text) => ({ key, value: numeric(text) }))),
  fc
    .constantFrom(...Object.keys(badText))
    .chain((key) => (badText[key] as fc.Arbitrary<string>).map((value) => ({ key, value }))),
  fc
    .constantFrom(...Object.keys(badListText))
    .chain((key) => (badListText[key] as fc.Arbitrary<string>).map((text) => ({ key, value: list(text) }))),
)

describe('CLI input fuzzing: a config file and flags → always a config error naming the field', () => {
  it('generated bad config files (JSON and YAML)', () => {
    fc.assert(
      fc.property(badConfig, fc.constantFrom('json', 'yaml', 'yml'), (bad, ext) => {
        const text = ext === 'json' ? JSON.stringify(bad.config) : toYaml(bad.config)
        const error = refusal(file(ext, text), {})
        checked++
        expect(namesField(error.issues, bad.field), `${bad.what} → ${JSON.stringify(error.issues)}`).toBe(true)
      }),
      { numRuns: 400 },
    )
  })

  it('generated bad flags, alone or over a valid config file', () => {
    const good = file('json', JSON.stringify(baseConfig))
    fc.assert(
      fc.property(badFlag, fc.boolean(), ({ key, value }, withFile) => {
        const error = refusal(withFile ? good : undefined, { [key]: value })
        checked++
        expect(namesField(error.issues, key), `${key}=${JSON.stringify(value)} → ${error.shortMessage}`).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('files that hold no config object: unreadable, not JSON/YAML, not an object, nested too deep', () => {
    const folder = join(dir, 'a-directory.json')
    mkdirSync(folder)
    const fixed: [string | undefined, string][] = [
      [join(dir, 'missing.json'), 'config'],
      [folder, 'config'],
      [file('json', ''), 'config'],
      [file('json', '[1, 2]'), 'config'],
      [file('json', '"txs"'), 'config'],
      [file('json', 'null'), 'config'],
      [file('yaml', '- a\n- b\n'), 'config'],
      [file('yaml', 'txs: [1, 2\n'), 'config'],
      [file('yaml', 'a: &a [*a]\n'), 'a'],
      [file('json', `{"txs": ${'['.repeat(5_000)}1${']'.repeat(5_000)}}`), 'txs'],
      [file('json', JSON.stringify({ ...baseConfig, txs: nested(70) })), 'txs'],
      // Found by this fuzzing: both overflowed the stack (an internal error, exit 1).
      [file('json', deepCall({ name: 'x', type: `uint8${'[]'.repeat(20_000)}` })), 'scenario.target.abi'],
      [
        file('json', deepCall(`${tupleOpen.repeat(20_000)}{"name":"x","type":"uint8"}${']}'.repeat(20_000)}`)),
        'scenario.target.abi',
      ],
      [file('yaml', `txs: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`), 'config'],
      [file('json', Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('latin1')), 'config'],
    ]
    for (const [path, field] of fixed) {
      expect(namesField(refusal(path, {}).issues, field), path).toBe(true)
      checked++
    }
    // Random text: as JSON it must not parse to an object; as YAML anything goes but a valid config.
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('json', 'yaml'), (text, ext) => {
        let parsed: unknown
        try {
          parsed = JSON.parse(text)
        } catch {}
        if (ext === 'yaml')
          try {
            parsed = fromYaml(text)
          } catch {}
        // Only text that is no config: YAML may read `{}` or `txs: 5` as a good one.
        const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        fc.pre(!isObject || Object.keys(parsed as object).some((k) => !Object.hasOwn(testConfigSchema.shape, k)))
        refusal(file(ext, text), {})
        checked++
      }),
      { numRuns: 150 },
    )
  })
})
