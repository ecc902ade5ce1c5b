import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fuzzAbi } from '../helpers/bad-inputs'
import { runCli } from '../helpers/cli'

/**
 * The real CLI with bad config files (the flag cases are in cli.test.ts; hundreds of generated ones
 * go through the same code in-process in cli/load-config.fuzz.test.ts): exit 2, the field named,
 * no report and no data dir written, and no node started.
 */
const dir = mkdtempSync(join(tmpdir(), 'evm-stress-cli-bad-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const target = `0x${'00'.repeat(19)}aa`
const call = (patch: Record<string, unknown>) => ({
  txs: 2,
  accounts: 1,
  scenario: { name: 'custom-call', target: { address: target, abi: fuzzAbi }, function: 'f', ...patch },
})
const okArgs = ['7', target, true, '0x01020304', 'hi', ['1', '2'], { x: 1, y: target }]
const deepTuple = `${'{"name":"x","type":"tuple","components":['.repeat(5_000)}{"name":"x","type":"uint8"}${']}'.repeat(5_000)}`

const cases: { name: string; file: string; text: string; message: string }[] = [
  {
    // Found by the fuzzing: the CLI started a node, then wrote a "failed" report and exited 3.
    name: 'an ABI type that does not exist',
    file: 'abi.json',
    text: JSON.stringify(
      call({
        target: { address: target, abi: [{ type: 'function', name: 'f', inputs: [{ name: 'x', type: 'uint7' }] }] },
      }),
    ),
    message: 'scenario.target.abi: item 0 (function f): inputs[0] has type "uint7", not an ABI type',
  },
  {
    name: 'an argument out of its type’s range',
    file: 'arg.yaml',
    text: `txs: 2\nscenario:\n  name: custom-call\n  target: { address: "${target}", abi: ${JSON.stringify(fuzzAbi)} }\n  function: f\n  args: ${JSON.stringify(['300', ...okArgs.slice(1)])}\n`,
    message: 'scenario.args[0].value: a (uint8) must be between 0 and 255 (got 300)',
  },
  {
    // Found by the fuzzing: a stack overflow, "internal error", exit 1.
    name: 'tuples nested 5000 deep',
    file: 'deep.json',
    text: `{"scenario":{"name":"custom-call","target":{"address":"${target}","abi":[{"type":"function","name":"f","inputs":[${deepTuple}]}]},"function":"f"}}`,
    message: 'nests tuples deeper than 32 levels',
  },
  { name: 'a YAML list', file: 'list.yml', text: '- txs: 5\n', message: 'config: ' },
  {
    name: 'port 0',
    file: 'port.json',
    text: '{"rpcUrl": "http://127.0.0.1:0"}',
    message: 'rpcUrl: must be an http(s)',
  },
  { name: 'an unknown key', file: 'typo.json', text: '{"tx": 5}', message: 'tx: is not a known field' },
]

describe('evm-stress run with a bad config file', () => {
  it.each(cases)('$name → exit 2, names the field, writes nothing', async (c) => {
    const path = join(dir, c.file)
    writeFileSync(path, c.text)
    const report = join(dir, `${c.file}.report.json`)
    const dataDir = join(dir, `${c.file}.data`)
    const r = await runCli(['run', '--config', path, '--report', report, '--data-dir', dataDir, '-q'])
    expect(r.stderr).toContain(c.message)
    expect(r.code).toBe(2)
    expect(r.stderr).not.toMatch(/internal error|^run /m)
    expect(existsSync(report)).toBe(false)
    expect(existsSync(dataDir)).toBe(false)
  })
})
