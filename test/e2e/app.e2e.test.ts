import type { Page } from 'playwright-core'
import { describe, expect, test, vi } from 'vitest'
import type { AppServer } from './support/app-server'
import { screenshot } from './support/browser'
import { withBrowserApp } from './support/browser-app'
import { getRun, terminalStatuses } from './support/runs-api'

// A cold `next build` plus Anvil start can take minutes on a 2-core machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

describe('web UI in a real browser', () => {
  let app: AppServer
  let page: Page
  let pageErrors: string[] = []
  let runId: string | undefined

  withBrowserApp((s) => {
    ;({ app, page, pageErrors } = s)
  })

  test('home page shows the node: chain id 31337 and a block number', async () => {
    await page.goto(`${app.baseUrl}/`)
    expect(await page.getByTestId('node-chain-id').textContent()).toBe('31337')
    expect(await page.getByTestId('node-block').textContent()).toMatch(/^\d+$/)
    expect(await page.getByTestId('node-reachable').textContent()).toBe('reachable')
    await screenshot(page, 'home')
  })

  test('txs = 0 shows an inline error naming the txs field and stays on the page', async () => {
    await page.goto(`${app.baseUrl}/`)
    await page.getByTestId('field-txs').fill('0')
    await page.getByTestId('submit-run').click()
    const error = page.getByTestId('error-txs')
    await error.waitFor()
    expect(await error.textContent()).toContain('txs')
    expect(await page.getByTestId('field-txs').getAttribute('aria-invalid')).toBe('true')
    expect(new URL(page.url()).pathname).toBe('/')
    await screenshot(page, 'home-invalid')
  })

  test('a quick concurrent run of 50 txs over 5 accounts completes and the page matches the API', async () => {
    await page.goto(`${app.baseUrl}/`)
    await page.getByTestId('field-mode').selectOption('concurrent')
    await page.getByTestId('field-txs').fill('50')
    await page.getByTestId('field-accounts').fill('5')
    await page.getByTestId('field-concurrency').fill('20')
    await page.getByTestId('submit-run').click()
    await page.waitForURL(/\/runs\/[^/]+$/)
    runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
    expect(runId).not.toBe('')

    // The page polls once a second: wait until it shows a terminal status, whatever it is.
    await page.waitForFunction(
      (terminal: readonly string[]) =>
        terminal.includes(document.querySelector('[data-testid="run-status"]')?.textContent ?? ''),
      terminalStatuses,
      { timeout: 90_000, polling: 250 },
    )
    await screenshot(page, 'run-completed')

    const api = await getRun(app.baseUrl, runId)
    expect(api.error).toBeNull()
    expect(await page.getByTestId('run-status').textContent()).toBe('completed')
    expect(api.status).toBe('completed')
    for (const [state, count] of Object.entries(api.counts))
      expect(await page.getByTestId(`count-${state}`).textContent(), state).toBe(String(count))
    expect(api.counts.planned).toBe(50)
    expect(api.counts.mined).toBe(50)
    expect(await page.getByTestId('count-mined').textContent()).toBe('50')
    // Terminal run: no Stop button and no live note any more.
    expect(await page.getByTestId('stop-run').count()).toBe(0)
    expect(await page.getByTestId('run-live').count()).toBe(0)
  })

  test('the run is listed on /runs and on the home page', async () => {
    expect(runId).toBeDefined()
    await page.goto(`${app.baseUrl}/runs`)
    const row = page.getByTestId(`run-row-${runId}`)
    await row.waitFor()
    expect(await row.textContent()).toContain('completed')
    await screenshot(page, 'runs')

    await page.goto(`${app.baseUrl}/`)
    await page.getByTestId(`run-row-${runId}`).waitFor()
    await screenshot(page, 'home-with-run')
  })

  test('a running run updates live and stops from its Stop button', async () => {
    // Started through the API with one tx a second, so that it is still running while we look.
    const res = await fetch(`${app.baseUrl}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'sequential', txs: 1000, accounts: 1, delayMs: 1000 }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    await page.goto(`${app.baseUrl}/runs/${id}`)
    await page.getByTestId('run-live').waitFor()
    // Only the page's own polling can move this count after the first render.
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="count-mined"]')?.textContent) >= 2,
      undefined,
      { timeout: 60_000, polling: 250 },
    )
    await screenshot(page, 'run-live')

    await page.getByTestId('stop-run').click()
    await page.waitForFunction(
      () => document.querySelector('[data-testid="run-status"]')?.textContent === 'stopped',
      undefined,
      { timeout: 60_000, polling: 250 },
    )
    await screenshot(page, 'run-stopped')
    const api = await getRun(app.baseUrl, id)
    expect(api.status).toBe('stopped')
    for (const [state, count] of Object.entries(api.counts))
      expect(await page.getByTestId(`count-${state}`).textContent(), state).toBe(String(count))
    const c = api.counts
    expect(c.mined + c.reverted + c.failed + c.dropped + c.cancelled).toBe(c.planned)
    expect(c.cancelled).toBeGreaterThan(0)
  })

  test('an unknown run id shows the not-found page', async () => {
    const res = await page.goto(`${app.baseUrl}/runs/does-not-exist`)
    expect(res?.status()).toBe(404)
    await page.getByTestId('not-found').waitFor()
  })

  test('no page errors and no hydration warnings along the way', () => {
    expect(pageErrors).toEqual([])
  })
})
