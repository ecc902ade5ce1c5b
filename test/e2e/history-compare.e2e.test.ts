import type { Page } from 'playwright-core'
import { describe, expect, test, vi } from 'vitest'
import type { AppServer } from './support/app-server'
import { screenshot } from './support/browser'
import { withBrowserApp } from './support/browser-app'
import { waitForTerminal } from './support/runs-api'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

describe('run history and comparison in a real browser', () => {
  let app: AppServer
  let page: Page
  let pageErrors: string[] = []
  /** Baseline 50 txs, then 100 txs: the comparison's planned row is +100 %. */
  let base: string
  let run: string

  withBrowserApp((s) => {
    ;({ app, page, pageErrors } = s)
  })

  async function startRun(txs: number): Promise<string> {
    const res = await fetch(`${app.baseUrl}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // 40 tx/s: the runs last a few seconds, so the overlaid charts have a few points each.
      // (Not concurrency 20: 100 txs stall after the first wave on engine mining, an engine bug.)
      body: JSON.stringify({ txs, accounts: 5, rate: 40 }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const done = await waitForTerminal(app.baseUrl, id)
    expect(done.status).toBe('completed')
    return id
  }

  test('both runs are listed on /runs with their numbers', async () => {
    base = await startRun(50)
    run = await startRun(100)
    await page.goto(`${app.baseUrl}/runs`)
    for (const [id, txs] of [
      [base, '50'],
      [run, '100'],
    ] as const) {
      const row = page.getByTestId(`run-row-${id}`)
      await row.waitFor()
      expect(await row.getByTestId('history-planned').textContent()).toBe(txs)
      expect(await row.getByTestId('history-mined-failed').textContent()).toBe(`${txs} / 0`)
      expect(await row.getByTestId(`rerun-${id}`).getAttribute('href')).toBe(`/test?run=${id}`)
      expect(await row.getByTestId(`delete-run-${id}`).isVisible()).toBe(true)
    }
    await screenshot(page, 'runs-history')
  })

  test('ticking both and comparing shows planned +100 % and draws both overlaid charts', async () => {
    await page.getByTestId(`select-run-${run}`).check()
    await page.getByTestId(`select-run-${base}`).check()
    await page.getByTestId('compare-selected').click()
    await page.waitForURL(/\/runs\/compare\?/)
    const url = new URL(page.url())
    // The older run is the baseline, whichever was ticked first.
    expect(url.searchParams.get('base')).toBe(base)
    expect(url.searchParams.get('run')).toBe(run)

    await page.getByTestId('compare-table').waitFor()
    const planned = page.locator('[data-testid="compare-row"][data-metric="planned"]')
    expect(await planned.getAttribute('data-delta')).toBe('100')
    expect(await planned.textContent()).toContain('+100.0 %')
    const mined = page.locator('[data-testid="compare-row"][data-metric="mined"]')
    expect(await mined.getAttribute('data-delta')).toBe('100')
    expect(await mined.getAttribute('data-verdict')).toBe('better')
    expect(await page.getByTestId('compare-base-select').inputValue()).toBe(base)
    expect(await page.getByTestId('compare-run-select').inputValue()).toBe(run)

    for (const chart of ['compare-chart-throughput', 'compare-chart-latency']) {
      const figure = page.getByTestId(chart)
      await figure.locator('canvas').waitFor()
      expect(Number(await figure.getAttribute('data-points'))).toBeGreaterThan(0)
    }

    // A tolerance of 150 % makes +100 % "same", here in the page, without a request.
    await page.getByTestId('compare-tolerance').fill('150')
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="compare-row"][data-metric="mined"]')?.getAttribute('data-verdict') ===
        'same',
    )
    expect(new URL(page.url()).searchParams.get('tolerance')).toBe('150')
    await page.getByTestId('compare-tolerance').fill('5')
    await screenshot(page, 'runs-compare')
  })

  test('the compare API answers the same rows', async () => {
    const res = await fetch(`${app.baseUrl}/api/runs/compare?base=${base}&run=${run}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { rows: { metric: string; deltaPct: number | null }[]; series: unknown }
    expect(body.rows.find((r) => r.metric === 'planned')?.deltaPct).toBe(100)
    const missing = await fetch(`${app.baseUrl}/api/runs/compare?base=${base}`)
    expect(missing.status).toBe(400)
  })

  test('deleting a run from the list (after the confirm dialog) removes it; its API is then 404', async () => {
    await page.goto(`${app.baseUrl}/runs`)
    const dialogs: string[] = []
    page.once('dialog', (d) => {
      dialogs.push(d.message())
      void d.accept()
    })
    await page.getByTestId(`delete-run-${base}`).click()
    await page.getByTestId(`run-row-${base}`).waitFor({ state: 'detached' })
    expect(dialogs[0]).toContain('Delete run')
    expect((await fetch(`${app.baseUrl}/api/runs/${base}`)).status).toBe(404)
    // Still gone after a reload; the other run stays.
    await page.reload()
    await page.getByTestId(`run-row-${run}`).waitFor()
    expect(await page.getByTestId(`run-row-${base}`).count()).toBe(0)
    await screenshot(page, 'runs-after-delete')
    expect(pageErrors).toEqual([])
  })
})
