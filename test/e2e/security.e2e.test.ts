import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { type AppServer, startApp } from './support/app-server'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

/** A raw HTTP request, so the Host and Origin headers are exactly what we say. */
function send(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  const url = new URL(path, baseUrl)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = ''
        res.on('data', (c) => {
          body += c
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('a local server that holds keys', () => {
  let app: AppServer
  beforeAll(async () => {
    app = await startApp()
  })
  afterAll(async () => {
    await app?.stop()
  })

  test('a foreign Host header (DNS rebinding) is refused, for pages and the API', async () => {
    for (const path of ['/', '/api/runs', '/api/node']) {
      const r = await send(app.baseUrl, path, { headers: { host: 'evil.example' } })
      expect(r.status, path).toBe(403)
      expect(JSON.parse(r.body).error.code).toBe('FORBIDDEN_HOST')
    }
  })

  test('a cross-origin POST is refused and starts nothing; the same POST from the app itself works', async () => {
    const host = new URL(app.baseUrl).host
    const body = JSON.stringify({ txs: 5, accounts: 1 })
    const before = JSON.parse((await send(app.baseUrl, '/api/runs', {})).body).runs.length
    const refused = await send(app.baseUrl, '/api/runs', {
      method: 'POST',
      headers: { host, origin: 'https://evil.example', 'content-type': 'application/json' },
      body,
    })
    expect(refused.status).toBe(403)
    expect(JSON.parse(refused.body).error.code).toBe('CROSS_ORIGIN')
    expect(JSON.parse((await send(app.baseUrl, '/api/runs', {})).body).runs.length).toBe(before)

    const own = await send(app.baseUrl, '/api/runs', {
      method: 'POST',
      headers: { host, origin: app.baseUrl, 'content-type': 'application/json' },
      body,
    })
    expect(own.status).toBe(201)
  })
})
