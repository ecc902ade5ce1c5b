import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { type AppServer, startApp } from './support/app-server'
import { launchChromium } from './support/browser'
import { waitForPreview } from './support/test-form'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

/** This machine's IPv4 addresses other than loopback: where a server bound to 0.0.0.0 would be reachable. */
const outsideAddresses = Object.values(networkInterfaces())
  .flatMap((list) => list ?? [])
  .filter((i) => i.family === 'IPv4' && !i.internal)
  .map((i) => i.address)

/** Resolves with the connection error's code, or 'connected'. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5_000 })
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve('timeout')
    })
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
  })
}

describe('npm start, as the README says it', () => {
  let app: AppServer
  beforeAll(async () => {
    app = await startApp({ launcher: true })
  })
  afterAll(async () => {
    await app?.stop()
  })

  test.skipIf(outsideAddresses.length === 0)(
    outsideAddresses.length
      ? `is not reachable on this machine's non-loopback addresses (${outsideAddresses.join(', ')})`
      : 'is not reachable beyond loopback — skipped: this machine has no non-loopback IPv4 address to try',
    async () => {
      const port = Number(new URL(app.baseUrl).port)
      expect(await tryConnect('127.0.0.1', port)).toBe('connected')
      for (const address of outsideAddresses) expect(await tryConnect(address, port), address).toBe('ECONNREFUSED')
    },
  )

  test('without a token it needs none (this machine only)', async () => {
    expect((await fetch(`${app.baseUrl}/api/node`)).status).toBe(200)
    expect(app.output()).toContain('(this machine only)')
  })
})

describe.skipIf(outsideAddresses.length === 0)('EVM_STRESS_HOST set to a non-loopback address, with a token', () => {
  const token = 'e2e-outside-token-0123456789abcdef'
  const address = outsideAddresses[0] as string
  let app: AppServer
  beforeAll(async () => {
    app = await startApp({ launcher: true, env: { EVM_STRESS_HOST: address, EVM_STRESS_ACCESS_TOKEN: token } })
  })
  afterAll(async () => {
    await app?.stop()
  })

  test('is reachable there, answers its own address as Host, and only with the token', async () => {
    const port = Number(new URL(app.baseUrl).port)
    expect(await tryConnect(address, port)).toBe('connected')
    expect((await fetch(`${app.baseUrl}/api/node`)).status).toBe(401)
    const res = await fetch(`${app.baseUrl}/api/node`, { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    expect(app.output()).toContain(`answering to host names ${address}`)
    expect(app.output()).not.toContain(token)
  })
})

describe('a server started with EVM_STRESS_ACCESS_TOKEN', () => {
  const token = 'e2e-access-token-0123456789abcdef'
  let app: AppServer
  let browser: Browser | undefined
  beforeAll(async () => {
    // Bound to 127.0.0.1 so this machine can test it; a token applies wherever the server listens.
    app = await startApp({ launcher: true, env: { EVM_STRESS_ACCESS_TOKEN: token } })
  })
  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })
  const url = (path: string) => `${app.baseUrl}${path}`
  const bearer = { authorization: `Bearer ${token}` }

  test('without the token: 401, JSON for the API, a short page otherwise; nothing starts', async () => {
    const api = await fetch(url('/api/node'))
    expect(api.status).toBe(401)
    const body = (await api.json()) as { error: { code: string; message: string; hint: string } }
    expect(body.error.code).toBe('UNAUTHORIZED')
    expect(body.error.hint).toContain('Authorization: Bearer')

    const page = await fetch(url('/runs'))
    expect(page.status).toBe(401)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toContain('?token=')

    const wrong = await fetch(url('/api/runs'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}x`, 'content-type': 'application/json' },
      body: JSON.stringify({ txs: 2, accounts: 1 }),
    })
    expect(wrong.status).toBe(401)
    expect(((await wrong.json()) as typeof body).error.message).toBe('The access token is wrong')
    const runs = (await (await fetch(url('/api/runs'), { headers: bearer })).json()) as { runs: unknown[] }
    expect(runs.runs).toEqual([])
    expect(app.output()).not.toContain(token)
  })

  test('with the Bearer header: 200', async () => {
    const res = await fetch(url('/api/node'), { headers: bearer })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { reachable: boolean }).reachable).toBe(true)
    expect((await fetch(url('/'), { headers: bearer })).status).toBe(200)
    // The Prometheus scrape target: a scraper sends the header too; without it, JSON 401.
    expect((await fetch(url('/metrics'), { headers: bearer })).status).toBe(200)
    const scrape = await fetch(url('/metrics'))
    expect(scrape.status).toBe(401)
    expect(((await scrape.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED')
  })

  test('?token= sets an HttpOnly, SameSite=Strict cookie and redirects to the URL without it', async () => {
    const res = await fetch(url(`/test?token=${token}&saved=x`), { redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(new URL(res.headers.get('location') ?? '', app.baseUrl).href).toBe(url('/test?saved=x'))
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^evm_stress_token=/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    expect(setCookie).toMatch(/Path=\//i)
    const cookie = setCookie.split(';')[0] as string
    expect((await fetch(url('/api/node'), { headers: { cookie } })).status).toBe(200)
    expect((await fetch(url('/test'), { headers: { cookie } })).status).toBe(200)

    const wrong = await fetch(url('/test?token=not-the-token'), { redirect: 'manual' })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('set-cookie')).toBeNull()
  })

  test('in Chromium: the ?token= link lands on the page without the token, and the page works', async () => {
    browser = await launchChromium()
    const page = await browser.newPage()
    await page.goto(url(`/test?token=${token}`))
    expect(page.url()).toBe(url('/test'))
    // The form's own API calls (the preview) carry the cookie.
    await waitForPreview(page)

    // Another browser profile, without the cookie.
    const fresh = await (await browser.newContext()).newPage()
    const res = await fresh.goto(url('/test'))
    expect(res?.status()).toBe(401)
    expect(await fresh.textContent('h1')).toContain('needs an access token')
  })
})
