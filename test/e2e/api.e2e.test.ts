import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { scrape, total } from '../helpers/scrape'
import { type AppServer, startApp } from './support/app-server'
import { startRun, waitForTerminal } from './support/runs-api'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

type ErrorBody = {
  error: { code: string; message: string; hint?: string; issues?: { field: string; message: string }[] }
}

describe('HTTP API', () => {
  let app: AppServer

  beforeAll(async () => {
    app = await startApp()
  })

  afterAll(async () => {
    await app?.stop()
  })

  const post = (path: string, body: string | undefined, contentType = 'application/json') =>
    fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': contentType },
      body,
    })

  test('GET /api/node answers with the embedded Anvil', async () => {
    const res = await fetch(`${app.baseUrl}/api/node`)
    expect(res.status).toBe(200)
    const node = (await res.json()) as { chainId: number; reachable: boolean; embedded: boolean; blockNumber: string }
    expect(node).toMatchObject({ chainId: 31337, reachable: true, embedded: true })
    expect(node.blockNumber).toMatch(/^\d+$/)
  })

  // Each bad body: expected status, error code, and the field the answer must name (if any).
  const badBodies: { name: string; body: string | undefined; status: number; code: string; field?: string }[] = [
    { name: 'malformed JSON', body: '{"txs": 5,', status: 400, code: 'INVALID_JSON' },
    { name: 'empty body', body: undefined, status: 400, code: 'INVALID_JSON' },
    { name: 'JSON that is not an object', body: '[1,2]', status: 400, code: 'INVALID_CONFIG', field: '(config)' },
    { name: 'txs as a string', body: '{"txs":"abc"}', status: 400, code: 'INVALID_CONFIG', field: 'txs' },
    { name: 'negative txs', body: '{"txs":-1}', status: 400, code: 'INVALID_CONFIG', field: 'txs' },
    { name: 'fractional accounts', body: '{"accounts":1.5}', status: 400, code: 'INVALID_CONFIG', field: 'accounts' },
    { name: 'unknown field', body: '{"txs":5,"bogus":1}', status: 400, code: 'INVALID_CONFIG', field: 'bogus' },
    { name: 'unknown mode', body: '{"mode":"nope"}', status: 400, code: 'INVALID_CONFIG', field: 'mode' },
    { name: 'rpcUrl not a URL', body: '{"rpcUrl":"not a url"}', status: 400, code: 'INVALID_CONFIG', field: 'rpcUrl' },
    {
      name: 'oversize body (300 KB)',
      body: JSON.stringify({ name: 'x'.repeat(300 * 1024) }),
      status: 413,
      code: 'BODY_TOO_LARGE',
    },
    {
      name: 'JSON nested 5000 deep',
      body: `${'['.repeat(5000)}${']'.repeat(5000)}`,
      status: 400,
      code: 'INVALID_JSON',
    },
  ]

  test.each(badBodies)('POST /api/runs with $name → $status $code', async ({ body, status, code, field }) => {
    const res = await post('/api/runs', body)
    const json = (await res.json()) as ErrorBody
    expect(res.status, JSON.stringify(json)).toBe(status)
    expect(json.error.code).toBe(code)
    expect(json.error.message).toBeTruthy()
    if (field) expect(json.error.issues?.map((i) => i.field)).toContain(field)
  })

  test('several bad fields are all named at once', async () => {
    const res = await post('/api/runs', '{"txs":0,"accounts":"x","mode":"nope"}')
    expect(res.status).toBe(400)
    const fields = ((await res.json()) as ErrorBody).error.issues?.map((i) => i.field)
    expect(fields).toEqual(expect.arrayContaining(['txs', 'accounts', 'mode']))
  })

  test('unknown run ids are 404 for GET and stop', async () => {
    const get = await fetch(`${app.baseUrl}/api/runs/no-such-run`)
    expect(get.status).toBe(404)
    expect(((await get.json()) as ErrorBody).error.code).toBe('NOT_FOUND')
    const stop = await post('/api/runs/no-such-run/stop', undefined)
    expect(stop.status).toBe(404)
  })

  test('start → stop → stopped with every planned tx accounted for; stopping again is 409', async () => {
    // Slow on purpose (one tx a second) so that it is still running when we stop it.
    const res = await post('/api/runs', JSON.stringify({ mode: 'sequential', txs: 1000, accounts: 1, delayMs: 1000 }))
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    expect(res.headers.get('location')).toBe(`/api/runs/${id}`)

    const list = (await (await fetch(`${app.baseUrl}/api/runs`)).json()) as { runs: { id: string }[] }
    expect(list.runs[0]?.id).toBe(id)

    const stop = await post(`/api/runs/${id}/stop`, undefined)
    expect(stop.status).toBe(200)
    const run = await waitForTerminal(app.baseUrl, id)
    expect(run.status).toBe('stopped')
    const c = run.counts
    expect(c.mined + c.reverted + c.failed + c.dropped + c.cancelled).toBe(c.planned)
    expect(c.cancelled).toBeGreaterThan(0)

    const again = await post(`/api/runs/${id}/stop`, undefined)
    expect(again.status).toBe(409)
    expect(((await again.json()) as ErrorBody).error.code).toBe('CONFLICT')

    // The Prometheus scrape target holds the run too, with the same numbers.
    const families = await scrape(`${app.baseUrl}/metrics`)
    expect(total(families, 'evm_stress_run_status', { run_id: id, status: 'stopped' })).toBe(1)
    for (const state of ['planned', 'mined', 'failed', 'dropped', 'cancelled'] as const)
      expect(total(families, 'evm_stress_txs', { run_id: id, state }), state).toBe(c[state])
  })

  test("the server's worker threads work in its bundle: signing in workers, SQLite checkpoints in the background", async () => {
    // The bundler once turned the workers' package paths into its own module ids: both failed.
    const file = join(app.dataDir, 'evm-stress.sqlite')
    const before = statSync(file).size
    const id = await startRun(app.baseUrl, { txs: 3000, accounts: 10, signWorkers: 1 })
    expect((await waitForTerminal(app.baseUrl, id)).status).toBe('completed')
    const report = (await (await fetch(`${app.baseUrl}/api/runs/${id}/report.json`)).json()) as {
      counts: { mined: number }
      signing: { workers: number; signedInWorkers: number }
    }
    expect(report.counts.mined).toBe(3000)
    expect(report.signing).toMatchObject({ workers: 1, signedInWorkers: 3000 })
    // The writer only appends to the WAL (its own checkpoint waits for ~80 MB): the run's rows
    // reach the database file through the background checkpointer alone.
    while (statSync(file).size <= before) await new Promise((r) => setTimeout(r, 100))
    expect(app.output()).not.toMatch(/checkpointer stopped/)
  })
})
