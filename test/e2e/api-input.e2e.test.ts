import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { deriveAccounts } from '../../services/accounts/derive'
import type { RunPreview } from '../../services/runs/preview-types'
import type { SavedTest } from '../../services/runs/saved-tests'
import { type AppServer, startApp } from './support/app-server'
import { projectRoot } from './support/paths'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

type ErrorBody = { error: { code: string; message: string; issues?: { field: string; message: string }[] } }

const mnemonic = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
const key = `0x${'ab'.repeat(32)}`
const counter = { builtin: 'Counter' }
const customCall = (extra: Record<string, unknown>) => ({
  name: 'custom-call',
  target: counter,
  function: 'incrementBy(uint256)',
  args: [{ kind: 'sequence', start: '1' }],
  ...extra,
})

describe('API: bad input is a 4xx that names the field, never a 500', () => {
  let app: AppServer
  let savedId = ''

  beforeAll(async () => {
    app = await startApp()
    const res = await send('POST', '/api/tests', JSON.stringify({ name: 'target of PUT', txs: 3 }))
    savedId = ((await res.json()) as SavedTest).id
  })
  afterAll(async () => {
    await app?.stop()
  })

  function send(method: string, path: string, body?: string | Blob): Promise<Response> {
    return fetch(`${app.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body,
    })
  }

  /** Every endpoint that takes a test config as its body. */
  const configEndpoints = () => [
    ['POST', '/api/runs'],
    ['POST', '/api/preview'],
    ['POST', '/api/tests'],
    ['PUT', `/api/tests/${savedId}`],
  ]

  // Each bad config: its body, the status, the code, and the field the answer must name (if any).
  const badConfigs: {
    name: string
    body: string | Blob | undefined
    status: number
    code: string
    field?: string
  }[] = [
    { name: 'malformed JSON', body: '{"txs": 5,', status: 400, code: 'INVALID_JSON' },
    { name: 'no body', body: undefined, status: 400, code: 'INVALID_JSON' },
    {
      name: 'not UTF-8',
      body: new Blob([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]),
      status: 400,
      code: 'INVALID_JSON',
    },
    { name: 'a JSON array', body: '[1,2]', status: 400, code: 'INVALID_CONFIG', field: '(config)' },
    { name: 'a JSON string', body: '"txs"', status: 400, code: 'INVALID_CONFIG', field: '(config)' },
    { name: 'null', body: 'null', status: 400, code: 'INVALID_CONFIG', field: '(config)' },
    { name: 'txs as a string', body: '{"name":"n","txs":"abc"}', status: 400, code: 'INVALID_CONFIG', field: 'txs' },
    { name: 'txs = 0', body: '{"name":"n","txs":0}', status: 400, code: 'INVALID_CONFIG', field: 'txs' },
    { name: 'huge txs', body: '{"name":"n","txs":1e400}', status: 400, code: 'INVALID_CONFIG', field: 'txs' },
    {
      name: 'accounts as bool',
      body: '{"name":"n","accounts":true}',
      status: 400,
      code: 'INVALID_CONFIG',
      field: 'accounts',
    },
    { name: 'unknown field', body: '{"name":"n","bogus":1}', status: 400, code: 'INVALID_CONFIG', field: 'bogus' },
    {
      name: 'unknown scenario option',
      body: JSON.stringify({ name: 'n', scenario: { name: 'gas-limit', rampz: 2 } }),
      status: 400,
      code: 'INVALID_CONFIG',
      field: 'scenario.rampz',
    },
    { name: 'mode of wrong type', body: '{"name":"n","mode":5}', status: 400, code: 'INVALID_CONFIG', field: 'mode' },
    { name: 'wei as float', body: '{"name":"n","value":1.5}', status: 400, code: 'INVALID_CONFIG', field: 'value' },
    {
      name: 'stage of wrong shape',
      body: JSON.stringify({ name: 'n', stages: [{ durationMs: 'x', rate: 1 }] }),
      status: 400,
      code: 'INVALID_CONFIG',
      field: 'stages[0].durationMs',
    },
    {
      name: 'a uint256 arg that is not a number',
      body: JSON.stringify({ name: 'n', scenario: customCall({ args: [{ kind: 'fixed', value: 'ten' }] }) }),
      status: 400,
      code: 'INVALID_CONFIG',
      field: 'scenario.args[0].value',
    },
    {
      name: 'a random arg with min > max',
      body: JSON.stringify({ name: 'n', scenario: customCall({ args: [{ kind: 'random', min: '5', max: '1' }] }) }),
      status: 400,
      code: 'INVALID_CONFIG',
      field: 'scenario.args[0].max',
    },
    {
      name: 'a function not in the ABI',
      body: JSON.stringify({ name: 'n', scenario: customCall({ function: 'nope()' }) }),
      status: 400,
      code: 'INVALID_CONFIG',
      field: 'scenario.function',
    },
    {
      name: 'an ABI that is not JSON',
      body: JSON.stringify({
        name: 'n',
        scenario: customCall({ target: { address: `0x${'11'.repeat(20)}`, abi: '[{' } }),
      }),
      status: 400,
      code: 'INVALID_CONFIG',
      field: 'scenario.target.abi',
    },
    {
      name: 'JSON nested 5000 deep in a field',
      body: `{"name":"n","scenario":{"name":"custom-call","target":{"address":"0x${'11'.repeat(20)}","abi":${'['.repeat(5000)}${']'.repeat(5000)}},"function":"f"}}`,
      status: 400,
      code: 'INVALID_JSON',
    },
    {
      name: 'oversize body (300 KB)',
      body: JSON.stringify({ name: 'x'.repeat(300 * 1024) }),
      status: 413,
      code: 'BODY_TOO_LARGE',
    },
  ]

  test('every config endpoint answers each bad body with its status, code and field', async () => {
    const failures: string[] = []
    for (const [method, path] of configEndpoints())
      for (const bad of badConfigs) {
        const res = await send(method as string, path as string, bad.body)
        const json = (await res.json().catch(() => null)) as ErrorBody | null
        const fields = json?.error?.issues?.map((i) => i.field) ?? []
        const ok =
          res.status === bad.status &&
          json?.error?.code === bad.code &&
          Boolean(json.error.message) &&
          (!bad.field || fields.includes(bad.field))
        if (!ok) failures.push(`${method} ${path} ${bad.name}: ${res.status} ${JSON.stringify(json)}`)
      }
    expect(failures).toEqual([])
  })

  test('saving needs a name; unknown saved tests are 404 for GET, PUT, DELETE and duplicate', async () => {
    const unnamed = await send('POST', '/api/tests', '{"txs":5}')
    expect(unnamed.status).toBe(400)
    expect(((await unnamed.json()) as ErrorBody).error.issues?.[0]?.field).toBe('name')
    for (const [method, path] of [
      ['GET', '/api/tests/no-such-test'],
      ['PUT', '/api/tests/no-such-test'],
      ['DELETE', '/api/tests/no-such-test'],
      ['POST', '/api/tests/no-such-test/duplicate'],
    ] as const) {
      const res = await send(method, path, method === 'PUT' ? '{"name":"n"}' : undefined)
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(((await res.json()) as ErrorBody).error.code).toBe('NOT_FOUND')
    }
  })

  test('POST /api/abi: bad input names source or contractName; artifacts are read', async () => {
    const cases: [string, number, string | undefined][] = [
      ['{"source":"[{"}', 400, 'source'],
      ['{"source":42}', 400, 'source'],
      ['{}', 400, 'source'],
      ['{"source":"[]","extra":1}', 400, 'extra'],
      ['{"source":{"abi":"nope"}}', 400, 'source'],
      ['{"source":[{"type":"function","name":"f","inputs":[{"type":"uint7"}]}]}', 400, 'source'],
      ['[1]', 400, '(config)'],
    ]
    for (const [body, status, field] of cases) {
      const res = await send('POST', '/api/abi', body)
      const json = (await res.json()) as ErrorBody
      expect(res.status, body).toBe(status)
      expect(
        json.error.issues?.map((i) => i.field),
        body,
      ).toContain(field)
    }

    const foundry = readFileSync(join(projectRoot, 'contracts/out/Counter.json'), 'utf8')
    const ok = await send('POST', '/api/abi', JSON.stringify({ source: foundry }))
    expect(ok.status).toBe(200)
    const described = (await ok.json()) as {
      kind: string
      contract: { contractName: string; bytecode: string; functions: { signature: string; readOnly: boolean }[] }
    }
    expect(described.kind).toBe('contract')
    expect(described.contract.contractName).toBe('Counter')
    expect(described.contract.bytecode).toMatch(/^0x[0-9a-f]+$/)
    expect(described.contract.functions.filter((f) => !f.readOnly).map((f) => f.signature)).toEqual(
      expect.arrayContaining(['increment()', 'incrementBy(uint256)', 'setNumber(uint256)']),
    )

    const solc = readFileSync(join(projectRoot, 'services/abi/fixtures/solc-output.json'), 'utf8')
    const choose = (await (await send('POST', '/api/abi', JSON.stringify({ source: solc }))).json()) as {
      kind: string
      contracts: string[]
    }
    expect(choose.kind).toBe('choose')
    expect(choose.contracts.length).toBeGreaterThan(1)
  })

  test('saved tests: create, read, update, duplicate, delete; secrets never stored or returned', async () => {
    const created = await send(
      'POST',
      '/api/tests',
      JSON.stringify({ name: 'crud', txs: 9, mnemonic, funderKey: key, scenario: customCall({}) }),
    )
    expect(created.status).toBe(201)
    const test = (await created.json()) as SavedTest
    expect(created.headers.get('location')).toBe(`/api/tests/${test.id}`)
    expect(test.config).toMatchObject({ name: 'crud', txs: 9 })

    const updated = (await (
      await send('PUT', `/api/tests/${test.id}`, JSON.stringify({ ...test.config, name: 'crud 2', txs: 11 }))
    ).json()) as SavedTest
    expect(updated).toMatchObject({ id: test.id, name: 'crud 2', config: { txs: 11 } })

    const copy = (await (await send('POST', `/api/tests/${test.id}/duplicate`)).json()) as SavedTest
    expect(copy.name).toBe('crud 2 (copy)')
    expect(copy.config).toMatchObject({ name: 'crud 2 (copy)', txs: 11 })

    const list = (await (await send('GET', '/api/tests')).json()) as { tests: SavedTest[] }
    expect(list.tests.map((t) => t.id)).toEqual(expect.arrayContaining([test.id, copy.id]))
    const everything = JSON.stringify(list) + JSON.stringify(await (await send('GET', `/api/tests/${test.id}`)).json())
    expect(everything).not.toContain('legal winner')
    expect(everything).not.toContain('abab')

    expect((await send('DELETE', `/api/tests/${copy.id}`)).status).toBe(200)
    expect((await send('GET', `/api/tests/${copy.id}`)).status).toBe(404)
  })

  test('POST /api/preview: shares, samples, cost, funding and warnings; no keys in it', async () => {
    const preview = async (config: unknown) => {
      const res = await send('POST', '/api/preview', JSON.stringify(config))
      expect(res.status, await res.clone().text()).toBe(200)
      return (await res.json()) as RunPreview
    }
    const p = await preview({ txs: 10, accounts: 4, mnemonic, scenario: customCall({}) })
    expect(p.planned).toBe(10)
    expect(p.accounts.perAccount).toEqual({ min: 2, max: 3 })
    expect(p.accounts.shares.map((s) => s.txs)).toEqual([3, 3, 2, 2])
    expect(p.samples.map((s) => s.args)).toEqual([['1'], ['2'], ['3'], ['4'], ['5']])
    expect(p.samples[0]?.calldata).toMatch(/^0x03df179c0{63}1$/)
    expect(p.call?.signature).toBe('incrementBy(uint256)')
    expect(BigInt(p.cost.totalMaxWei)).toBeGreaterThan(0n)
    expect(BigInt(p.funding.totalNeedWei)).toBe(BigInt(p.funding.needPerAccountWei) * 4n)
    const text = JSON.stringify(p).toLowerCase()
    for (const secret of ['legal winner', ...deriveAccounts(mnemonic, 4).map((a) => a.privateKey.slice(2))])
      expect(text).not.toContain(secret)

    const codes = async (config: unknown) => (await preview(config)).warnings.map((w) => w.code)
    expect(await codes({ txs: 500, mining: 'automine', concurrency: 200 })).toContain('automine-under-load')
    expect(await codes({ txs: 5, gasLimit: '40000000' })).toContain('gas-above-block-limit')
    expect(await codes({ txs: 2, accounts: 5 })).toContain('idle-accounts')
    expect(await codes({ mode: 'sequential', rate: 10 })).toContain('rate-ignored')
    expect(await codes({ txs: 5, funding: 'none', accounts: 2, mnemonic })).toContain('unfunded-senders')

    const unreachable = await send('POST', '/api/preview', JSON.stringify({ rpcUrl: 'http://127.0.0.1:1' }))
    expect(unreachable.status).toBe(503)
    expect(((await unreachable.json()) as ErrorBody).error.code).toBe('NODE_UNAVAILABLE')
  })
})
