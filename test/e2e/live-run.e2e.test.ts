import type { Page } from 'playwright-core'
import { afterAll, describe, expect, test, vi } from 'vitest'
import type { TxRow } from '../../services/live/frames'
import type { RunReport } from '../../services/metrics/report'
import type { TxCounts } from '../../services/run-model/counts'
import { known } from '../helpers/chain'
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy'
import type { AppServer } from './support/app-server'
import { screenshot } from './support/browser'
import { withBrowserApp } from './support/browser-app'
import { getRun, startRun, waitForTerminal } from './support/runs-api'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

const countKeys: (keyof TxCounts)[] = ['mined', 'reverted', 'failed', 'dropped', 'cancelled', 'signed', 'submitted']

type StreamMetrics = { lastSeq: number; resets: number; duplicatesIgnored: number; framesApplied: number }

const streamEnded = (page: Page) =>
  page.waitForFunction(
    () => document.querySelector('[data-testid="stream-status"]')?.textContent?.includes('ended'),
    null,
    {
      timeout: 90_000,
      polling: 200,
    },
  )

/** The number a counter tile shows (digits only: "1,000" → 1000). */
async function shown(page: Page, testId: string): Promise<number> {
  return Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/\D/g, ''))
}

async function logCount(page: Page) {
  const el = page.getByTestId('tx-log-count')
  return {
    matching: Number(await el.getAttribute('data-matching')),
    total: Number(await el.getAttribute('data-total')),
  }
}

async function apiRows(app: AppServer, id: string, query = ''): Promise<{ matching: number; rows: TxRow[] }> {
  const res = await fetch(`${app.baseUrl}/api/runs/${id}/txs?limit=1000${query}`)
  expect(res.status).toBe(200)
  return (await res.json()) as { matching: number; rows: TxRow[] }
}

/** Waits until the log's filtered view has settled on `matching` rows, then checks the visible ones. */
async function expectLogShows(page: Page, matching: number, each: (row: Record<string, string | null>) => void) {
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="tx-log-count"]')?.getAttribute('data-matching') === String(n),
    matching,
    { timeout: 10_000, polling: 100 },
  )
  const visible = await page.getByTestId('tx-row').evaluateAll((els) =>
    els.map((e) => ({
      idx: e.getAttribute('data-idx'),
      state: e.getAttribute('data-state'),
      account: e.getAttribute('data-account'),
    })),
  )
  expect(visible.length).toBeGreaterThan(0)
  for (const row of visible) each(row)
}

describe('live run page in a real browser', () => {
  let app: AppServer
  let page: Page
  let pageErrors: string[] = []
  let proxy: TcpProxy | undefined

  withBrowserApp((s) => {
    ;({ app, page, pageErrors } = s)
  })
  afterAll(async () => {
    await proxy?.close()
  })

  test('a 1,000-tx run: the counters reach the numbers the API reports and the log holds every tx', async () => {
    const id = await startRun(app.baseUrl, {
      mode: 'concurrent',
      txs: 1000,
      accounts: 10,
      // ~7 s: long enough to be seen mid-run however slowly the page loads.
      rate: 150,
      thresholds: ['count.mined >= 1000', 'latency.p99 < 1'],
    })
    await page.goto(`${app.baseUrl}/runs/${id}`)
    // Mid-run the page is already moving: some txs mined, not all.
    await page.waitForFunction(
      () => {
        const n = Number(document.querySelector('[data-testid="count-mined"]')?.textContent?.replace(/\D/g, ''))
        return n > 0 && n < 1000
      },
      null,
      { timeout: 30_000, polling: 50 },
    )
    await screenshot(page, 'live-run-mid')
    await streamEnded(page)
    const run = await waitForTerminal(app.baseUrl, id)
    expect(run.counts).toMatchObject({ planned: 1000, mined: 1000 })
    for (const key of countKeys) expect(await shown(page, `count-${key}`), key).toBe(run.counts[key])
    expect(await shown(page, 'count-planned')).toBe(1000)
    expect(await logCount(page)).toEqual({ matching: 1000, total: 1000 })
    // The thresholds' badges give the final verdicts: every tx mined, but no inclusion under 1 ms.
    const badges = await page
      .getByTestId('threshold-badge')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')))
    expect(badges).toEqual(['true', 'false'])
    // What held the run back, as its report says: the page shows the report's verdict.
    const report = (await (await fetch(`${app.baseUrl}/api/runs/${id}/report.json`)).json()) as RunReport
    const limit = page.getByTestId('run-limit')
    expect(await limit.getAttribute('data-by')).toBe(known(report.limit, 'the report limit').by)
    expect(await limit.textContent()).toContain(report.limit?.because)
    await screenshot(page, 'live-run-end')
    expect(pageErrors).toEqual([])
  })

  test('a run shorter than a second: its charts span a minute around it, not years', async () => {
    const id = await startRun(app.baseUrl, { mode: 'concurrent', txs: 20, accounts: 2 })
    await waitForTerminal(app.baseUrl, id)
    await page.goto(`${app.baseUrl}/runs/${id}`)
    await streamEnded(page)
    for (const chart of ['chart-throughput', 'chart-latency']) {
      const plot = page.getByTestId(chart).locator('.chart-plot')
      await page.waitForFunction((el) => el?.hasAttribute('data-x-span'), await plot.elementHandle())
      // One second of points (two when the run crossed a second's edge): a minute around them.
      expect(Number(await page.getByTestId(chart).getAttribute('data-points')), chart).toBeLessThanOrEqual(2)
      expect(Number(await plot.getAttribute('data-x-span')), chart).toBeLessThanOrEqual(60)
    }
    expect(pageErrors).toEqual([])
  })

  test('the log filters by state, account and text show exactly the matching rows', async () => {
    const id = await startRun(app.baseUrl, { mode: 'concurrent', txs: 6000, accounts: 6, rate: 300 })
    await page.goto(`${app.baseUrl}/runs/${id}`)
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="count-mined"]')?.textContent?.replace(/\D/g, '')) > 200,
      null,
      {
        timeout: 30_000,
        polling: 100,
      },
    )
    await page.getByTestId('stop-run').click()
    await streamEnded(page)
    const run = await waitForTerminal(app.baseUrl, id)
    expect(run.counts.cancelled).toBeGreaterThan(0)
    expect(run.counts.mined).toBeGreaterThan(0)

    await page.getByTestId('filter-state-cancelled').check()
    await expectLogShows(page, run.counts.cancelled, (r) => expect(r.state).toBe('cancelled'))
    await page.getByTestId('filter-clear').click()

    const { rows } = await apiRows(app, id, '&state=mined')
    const account = rows[0]?.account as string
    const byAccount = await apiRows(app, id, `&account=${account}`)
    await page.getByTestId('filter-account').selectOption(account)
    await expectLogShows(page, byAccount.matching, (r) => expect(r.account?.toLowerCase()).toBe(account.toLowerCase()))
    await page.getByTestId('filter-clear').click()

    const target = rows[rows.length - 1] as TxRow
    await page.getByTestId('filter-text').fill((target.hash as string).slice(0, 14))
    await expectLogShows(page, 1, (r) => expect(r.idx).toBe(String(target.idx)))
    // The row opens its details: the receipt the node gives for it.
    await page.getByTestId('tx-row').first().click()
    await page.waitForSelector('[data-testid="tx-details"][data-loaded="true"]', { timeout: 15_000 })
    expect(await page.getByTestId('tx-receipt').getAttribute('data-status')).toMatch(/success|0x1|1/)
    await page.keyboard.press('Escape')
    expect(pageErrors).toEqual([])
  })

  test('reloading mid-run shows the history, not an empty page', async () => {
    const id = await startRun(app.baseUrl, { mode: 'concurrent', txs: 4000, accounts: 8, rate: 400 })
    await page.goto(`${app.baseUrl}/runs/${id}`)
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="tx-log-count"]')?.getAttribute('data-total')) > 800,
      null,
      {
        timeout: 30_000,
        polling: 100,
      },
    )
    const before = (await logCount(page)).total
    await page.reload()
    // The first thing the reloaded page draws is the run so far.
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="tx-log-count"]')?.getAttribute('data-total')) >= n,
      before,
      { timeout: 10_000, polling: 50 },
    )
    const metrics = (await page.evaluate(() => window.__evmStressStream)) as StreamMetrics
    expect(metrics.resets).toBe(1)
    await page.getByTestId('stop-run').click()
    await streamEnded(page)
    const run = await waitForTerminal(app.baseUrl, id)
    for (const key of countKeys) expect(await shown(page, `count-${key}`), key).toBe(run.counts[key])
    expect(pageErrors).toEqual([])
  })

  test('a cut connection catches up when it comes back, without a reset or a duplicate row', async () => {
    proxy = await startTcpProxy(Number(new URL(app.baseUrl).port))
    const base = `http://127.0.0.1:${proxy.port}`
    // Long enough (20 s at this rate) that it is still running however slowly the page loads; stopped below.
    const id = await startRun(app.baseUrl, { mode: 'concurrent', txs: 6000, accounts: 10, rate: 300 })
    await page.goto(`${base}/runs/${id}`)
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="tx-log-count"]')?.getAttribute('data-total')) > 100,
      null,
      { timeout: 30_000, polling: 100 },
    )
    expect((await getRun(app.baseUrl, id)).status).toBe('running')
    await proxy.cut()
    await page.waitForFunction(
      () => document.querySelector('[data-testid="stream-status"]')?.textContent?.includes('reconnecting'),
      null,
      { timeout: 10_000 },
    )
    const cutAt = (await logCount(page)).total
    await new Promise((r) => setTimeout(r, 2_000))
    // The run went on without us.
    expect((await getRun(app.baseUrl, id)).counts.mined).toBeGreaterThan(cutAt)
    await proxy.restore()
    // Back and caught up: live again, past what the run had mined while we were away.
    const caughtUpTo = (await getRun(app.baseUrl, id)).counts.mined
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid="stream-status"]')?.textContent?.includes('live') &&
        Number(document.querySelector('[data-testid="count-mined"]')?.textContent?.replace(/\D/g, '')) >= n,
      caughtUpTo,
      { timeout: 20_000, polling: 100 },
    )
    const stopped = await fetch(`${app.baseUrl}/api/runs/${id}/stop`, { method: 'POST' })
    expect(stopped.status).toBe(200)
    await streamEnded(page)
    const run = await waitForTerminal(app.baseUrl, id)
    const metrics = (await page.evaluate(() => window.__evmStressStream)) as StreamMetrics
    expect(metrics.resets).toBe(1)
    expect(await logCount(page)).toEqual({ matching: 6000, total: 6000 })
    for (const key of countKeys) expect(await shown(page, `count-${key}`), key).toBe(run.counts[key])
    // Every row once: as many distinct rows as planned, each mined one with its own hash.
    const idxs = new Set<number>()
    const hashes = new Set<string>()
    for (let offset = 0; offset < 6000; offset += 1000) {
      const res = await fetch(`${app.baseUrl}/api/runs/${id}/txs?limit=1000&offset=${offset}`)
      for (const r of ((await res.json()) as { rows: TxRow[] }).rows) {
        idxs.add(r.idx)
        if (r.state === 'mined' && r.hash) hashes.add(r.hash)
      }
    }
    expect(idxs.size).toBe(6000)
    expect(hashes.size).toBe(run.counts.mined)
    expect(pageErrors.filter((e) => !/ERR_CONNECTION|EventSource|network/i.test(e))).toEqual([])
  })
})
