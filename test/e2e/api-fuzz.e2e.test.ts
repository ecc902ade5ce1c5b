import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { badAbi, badConfig, baseConfig, fuzzAbi, namesField } from '../helpers/bad-inputs'
import { type AppServer, startApp } from './support/app-server'
import { projectRoot } from './support/paths'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

/**
 * Input fuzzing against one running app: generated invalid configs, ABIs, argument values, URLs
 * and raw bodies, POSTed to every endpoint that takes input. Each answer must be a 4xx with
 * `{error: {code, message}}`, naming the field when it is a config error; never a 5xx; and the
 * server must still answer afterwards, with nothing written. Reproduce a failure with FUZZ_SEED.
 */

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const bodyLimit = 256 * 1024

type Case = {
  what: string
  path: '/api/runs' | '/api/preview' | '/api/tests' | '/api/abi'
  body: string | Blob
  /** Exactly this code, when the input decides it. */
  code?: string
  /** Config errors: one of these fields must be named. */
  fields?: readonly string[]
}

const configPaths = ['/api/runs', '/api/preview', '/api/tests'] as const

/** Generated test configs with one thing wrong, each to one of the config endpoints. */
function configCases(runs: number): Case[] {
  return fc.sample(fc.tuple(badConfig, fc.constantFrom(...configPaths)), { numRuns: runs, seed }).map(([bad, path]) => {
    const body = JSON.stringify(bad.config)
    return body.length > bodyLimit
      ? { what: bad.what, path, body, code: 'BODY_TOO_LARGE' }
      : { what: bad.what, path, body, code: 'INVALID_CONFIG', fields: [bad.field] }
  })
}

const solcOutput = readFileSync(join(projectRoot, 'services/abi/fixtures/solc-output.json'), 'utf8')
const goodAbi = JSON.stringify(fuzzAbi)

/** POST /api/abi: a bad source, a bad contractName, or stray keys. */
function abiCases(runs: number): Case[] {
  const bad = fc.oneof(
    { weight: 6, arbitrary: badAbi.map((source) => ({ body: { source }, fields: ['source'] })) },
    fc
      .constantFrom('', '   ', 5, null, ['A'], 'x'.repeat(301))
      .map((contractName) => ({ body: { source: goodAbi, contractName }, fields: ['contractName'] })),
    fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,10}$/).map((contractName) => ({
      body: { source: solcOutput, contractName: `Nope${contractName}` },
      fields: ['source', 'contractName'],
    })),
    fc
      .stringMatching(/^[a-z][A-Za-z0-9_]{0,12}$/)
      .filter((k) => k !== 'source' && k !== 'contractName')
      .map((key) => ({ body: { source: goodAbi, [key]: 1 }, fields: [key] })),
    fc.constantFrom({ body: {}, fields: ['source'] }, { body: { source: '' }, fields: ['source'] }),
  )
  return fc.sample(bad, { numRuns: runs, seed: seed + 1 }).map(({ body, fields }) => ({
    what: `abi ${JSON.stringify(body).slice(0, 80)}`,
    path: '/api/abi',
    body: JSON.stringify(body),
    code: 'INVALID_CONFIG',
    fields,
  }))
}

/** Bodies that are no JSON object at all: junk text, bad bytes, scalars, nesting past the limit, too big. */
function rawCases(runs: number): Case[] {
  const paths = fc.constantFrom(...configPaths, '/api/abi' as const)
  const raw = fc.oneof(
    fc
      .string({ maxLength: 80 })
      .filter((s) => {
        try {
          JSON.parse(s)
          return false
        } catch {
          return true
        }
      })
      .map((text) => ({ what: `text ${JSON.stringify(text)}`, body: text, code: 'INVALID_JSON' })),
    fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => ({
      what: 'bytes that are not UTF-8',
      body: new Blob([new Uint8Array([0x7b, 0xff, ...bytes])]),
      code: 'INVALID_JSON',
    })),
    fc
      .oneof(
        fc.integer(),
        fc.string({ maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.constantFrom(null, true),
      )
      .map((value) => ({
        what: `JSON ${JSON.stringify(value)}`,
        body: JSON.stringify(value),
        code: 'INVALID_CONFIG',
        fields: ['(config)'],
      })),
    fc.integer({ min: 600, max: 20_000 }).map((depth) => ({
      what: `nested ${depth} deep`,
      body: `{"txs":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      code: 'INVALID_JSON',
    })),
  )
  return [
    ...fc.sample(fc.tuple(raw, paths), { numRuns: runs, seed: seed + 2 }).map(([c, path]) => ({ ...c, path })),
    ...configPaths.map((path) => ({
      what: 'a body over 256 KB',
      path,
      body: JSON.stringify({ ...baseConfig, name: 'x'.repeat(bodyLimit) }),
      code: 'BODY_TOO_LARGE',
    })),
    ...configPaths.map((path) => ({
      what: 'nested 65 deep',
      path,
      body: `{"txs":${'['.repeat(64)}${']'.repeat(64)}}`,
      code: 'INVALID_JSON',
    })),
    ...[...configPaths, '/api/abi' as const].map((path) => ({ what: 'no body', path, body: '', code: 'INVALID_JSON' })),
  ]
}

/** Runs `fn` over the items, `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++] as T)
    }),
  )
}

describe(`API input fuzzing (FUZZ_SEED=${seed})`, () => {
  let app: AppServer
  beforeAll(async () => {
    app = await startApp()
  })
  afterAll(async () => {
    await app?.stop()
  })
  const get = async (path: string) => (await fetch(`${app.baseUrl}${path}`)).json()

  test('at least 500 generated bad inputs: only clear 4xx errors, nothing written, the server still up', async () => {
    const cases = [...configCases(420), ...abiCases(110), ...rawCases(70)]
    expect(cases.length).toBeGreaterThanOrEqual(500)
    const problems: string[] = []
    const byStatus = new Map<number, number>()

    await pool(cases, 6, async (c) => {
      let status = 0
      let text = ''
      try {
        const res = await fetch(`${app.baseUrl}${c.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: c.body,
        })
        status = res.status
        text = await res.text()
      } catch (error) {
        problems.push(`${c.path} ${c.what}: no answer (${String(error)})`)
        return
      }
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
      const where = `${c.path} ${c.what.slice(0, 120)} → ${status} ${text.slice(0, 300)}`
      let error: { code?: unknown; message?: unknown; issues?: { field: string; message: string }[] } | undefined
      try {
        error = (JSON.parse(text) as { error?: typeof error }).error
      } catch {}
      if (status < 400 || status >= 500) return void problems.push(`not a 4xx: ${where}`)
      if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !error.message)
        return void problems.push(`no {error: {code, message}}: ${where}`)
      if (c.code && error.code !== c.code) return void problems.push(`code ${error.code}, expected ${c.code}: ${where}`)
      if (error.code === 'INVALID_CONFIG') {
        const issues = error.issues ?? []
        if (!issues.length || issues.some((i) => typeof i.field !== 'string' || !i.field))
          return void problems.push(`a config error without named fields: ${where}`)
        if (c.fields && !c.fields.some((f) => namesField(issues, f)))
          problems.push(`does not name ${c.fields.join(' or ')}: ${where}`)
      }
    })

    expect(
      problems,
      `FUZZ_SEED=${seed}: ${problems.length} of ${cases.length}\n${problems.slice(0, 20).join('\n')}`,
    ).toEqual([])
    expect([...byStatus.keys()].every((s) => s === 400 || s === 413)).toBe(true)

    // Still up, nothing written, nothing unexpected in the log.
    const node = (await get('/api/node')) as { reachable: boolean }
    expect(node.reachable).toBe(true)
    expect(((await get('/api/runs')) as { runs: unknown[] }).runs).toEqual([])
    expect(((await get('/api/tests')) as { tests: unknown[] }).tests).toEqual([])
    expect(app.output()).not.toMatch(/unexpected error|Internal server error|RangeError|TypeError/)
  })
})
