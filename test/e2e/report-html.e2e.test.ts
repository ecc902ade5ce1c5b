import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, test, vi } from 'vitest'
import { z } from 'zod'
import type { RunReport } from '../../services/metrics/report'
import { reportSchemaPath } from '../../services/metrics/report-schema-file'
import { parseCsv } from '../../services/reporting/csv'
import type { AppServer } from './support/app-server'
import { screenshot } from './support/browser'
import { withBrowserApp } from './support/browser-app'
import { artifactsDir, projectRoot } from './support/paths'
import { startRun, waitForTerminal } from './support/runs-api'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

/** The report is written a moment after the status turns terminal: poll until it is there. */
async function reportOf(app: AppServer, id: string): Promise<RunReport> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const res = await fetch(`${app.baseUrl}/api/runs/${id}/report.json`)
    if (res.status === 200) return (await res.json()) as RunReport
    expect(res.status).toBe(409)
    if (Date.now() > deadline) throw new Error(`no report for run ${id}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('reports of a finished run, from the run page to an offline browser', () => {
  let app: AppServer
  let browser: Browser
  let page: Page
  let pageErrors: string[] = []
  withBrowserApp((s) => {
    ;({ app, browser, page, pageErrors } = s)
  })

  test('JSON validates, CSV has every stored tx, and the HTML opens offline with its charts and tables', async () => {
    // Reverts on purpose (every 5th call): the report has reverted txs, gas per function and an error group.
    const id = await startRun(app.baseUrl, {
      name: 'report e2e',
      mode: 'concurrent',
      txs: 300,
      accounts: 5,
      rate: 120,
      scenario: {
        name: 'custom-call',
        target: { builtin: 'GasBurner' },
        function: 'maybeRevert',
        args: [{ kind: 'sequence', start: 1 }, 5],
      },
    })
    const run = await waitForTerminal(app.baseUrl, id)
    expect(run.status).toBe('completed')
    const report = await reportOf(app, id)
    expect(report.counts).toMatchObject({ planned: 300, mined: 240, reverted: 60 })
    const schema = z.fromJSONSchema(JSON.parse(readFileSync(join(projectRoot, reportSchemaPath), 'utf8')))
    expect(schema.safeParse(report).error).toBeUndefined()
    expect(report.functions.find((f) => f.label.startsWith('maybeRevert'))?.gas.avg).toBeGreaterThan(21_000)

    // CSV: one record per stored tx (the tx list API's total), header first.
    const csv = await fetch(`${app.baseUrl}/api/runs/${id}/report.csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="evm-stress-report-e2e-.+\.txs\.csv"$/,
    )
    const [header, ...records] = parseCsv(await csv.text())
    const { total } = (await (await fetch(`${app.baseUrl}/api/runs/${id}/txs?limit=1`)).json()) as { total: number }
    expect(records).toHaveLength(total)
    expect(total).toBe(300 + report.gapFills)
    expect(header?.slice(0, 3)).toEqual(['idx', 'role', 'label'])
    expect((await fetch(`${app.baseUrl}/api/runs/${id}/report.csv?table=nope`)).status).toBe(400)

    // The run page offers the downloads; the HTML link downloads a file.
    await page.goto(`${app.baseUrl}/runs/${id}`)
    const downloads = page.getByTestId('report-downloads')
    await downloads.waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('download-json').getAttribute('href')).toBe(`/api/runs/${id}/report.json`)
    expect(await page.getByTestId('download-csv-functions').getAttribute('href')).toBe(
      `/api/runs/${id}/report.csv?table=functions`,
    )
    await downloads.scrollIntoViewIfNeeded()
    await screenshot(page, 'report-downloads-run-page')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-html').click()])
    expect(download.suggestedFilename()).toMatch(/^evm-stress-report-e2e-[0-9a-f]{8}\.html$/)
    const html = readFileSync((await download.path()) as string, 'utf8')
    const file = join(artifactsDir, 'report-e2e.html')
    writeFileSync(file, html)
    expect(Buffer.byteLength(html)).toBeLessThan(2 * 1024 * 1024)
    expect(pageErrors).toEqual([])

    // Offline: a context with no network at all, and every request it tries recorded and refused.
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } })
    const attempted: string[] = []
    await context.route('**/*', (route) => {
      const url = route.request().url()
      if (url === `file://${file}`) return route.continue()
      attempted.push(url)
      return route.abort()
    })
    const offline = await context.newPage()
    const offlineErrors: string[] = []
    offline.on('pageerror', (e) => offlineErrors.push(e.message))
    offline.on('requestfailed', (r) => attempted.push(r.url()))
    await offline.goto(`file://${file}`)
    expect(await offline.title()).toContain('report e2e')
    expect(await offline.locator('svg.chart').count()).toBe(4)
    // The throughput chart drew lines, not just axes.
    expect(await offline.locator('#chart-throughput path').count()).toBeGreaterThan(0)
    for (const table of ['functions-table', 'errors-table', 'accounts-table'])
      expect(await offline.locator(`#${table} tbody tr`).count(), table).toBeGreaterThan(0)
    expect(await offline.locator('#functions-table').textContent()).toContain('maybeRevert')
    expect(await offline.locator('#errors-table').textContent()).toContain('unlucky')
    expect(await offline.locator('#config-json').textContent()).toContain('"custom-call"')
    await screenshot(offline, 'report-html-offline')
    expect(attempted).toEqual([])
    expect(offlineErrors).toEqual([])
    await context.close()
  })
})
