import type { Page } from 'playwright-core'
import { describe, expect, test, vi } from 'vitest'
import type { AppServer } from './support/app-server'
import { screenshot } from './support/browser'
import { withBrowserApp } from './support/browser-app'
import { getRun } from './support/runs-api'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

/** Waits until the page's own polling shows this status. */
async function statusShown(page: Page, status: string) {
  await page.waitForFunction((s) => document.querySelector('[data-testid="run-status"]')?.textContent === s, status, {
    timeout: 60_000,
    polling: 200,
  })
}

describe('run controls in a real browser', () => {
  let app: AppServer
  let page: Page
  let pageErrors: string[] = []

  withBrowserApp((s) => {
    ;({ app, page, pageErrors } = s)
  })

  test('pause holds the run (the chain stops growing its count), resume goes on, stop ends it', async () => {
    const res = await fetch(`${app.baseUrl}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ txs: 5000, accounts: 5, rate: 20 }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    await page.goto(`${app.baseUrl}/runs/${id}`)
    await statusShown(page, 'running')

    await page.getByTestId('pause-run').click()
    await statusShown(page, 'paused')
    expect((await getRun(app.baseUrl, id)).status).toBe('paused')
    await screenshot(page, 'run-paused')
    // While paused nothing new is sent: the count of sent txs stays put.
    const before = await getRun(app.baseUrl, id)
    await new Promise((r) => setTimeout(r, 1_500))
    const after = await getRun(app.baseUrl, id)
    const sent = (c: typeof before.counts) => c.mined + c.reverted + c.failed + c.dropped + c.submitted + c.signed
    expect(sent(after.counts)).toBe(sent(before.counts))

    await page.getByTestId('resume-run').click()
    await statusShown(page, 'running')
    await page.getByTestId('stop-run').click()
    await statusShown(page, 'stopped')
    const final = await getRun(app.baseUrl, id)
    const c = final.counts
    expect(c.mined + c.reverted + c.failed + c.dropped + c.cancelled).toBe(5000)
    expect(c.cancelled).toBeGreaterThan(0)
    expect(await page.getByTestId('pause-run').count()).toBe(0)
    expect(pageErrors).toEqual([])
  })
})
