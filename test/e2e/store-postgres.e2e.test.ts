import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { databaseUrlVariable } from '../../services/store/db'
import { runCli } from '../helpers/cli'
import { startTestPostgres, type TestPostgres } from '../helpers/postgres'
import { freshMnemonic, tempDataDir } from '../helpers/run'
import { type AppServer, startApp } from './support/app-server'
import { collectPageErrors, launchChromium, screenshot } from './support/browser'
import { getRun, startSlowRun } from './support/runs-api'

vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 })

/**
 * One PostgreSQL store shared as hosts would share it: the CLI records a run, the app (another
 * data dir, so nothing of SQLite's is shared) lists and shows it; an app killed mid-run and
 * started again elsewhere finds that run interrupted.
 */
describe('the app on a PostgreSQL store', () => {
  let pg: TestPostgres
  let browser: Browser
  const servers: AppServer[] = []
  beforeAll(async () => {
    pg = await startTestPostgres()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    for (const s of servers.reverse()) await s.stop()
    pg?.stop()
  })
  const app = async () => {
    const s = await startApp({ env: { [databaseUrlVariable]: pg.url } })
    servers.push(s)
    return s
  }

  test("lists and shows a run the CLI recorded from another data dir, with the CLI's numbers", async () => {
    const cli = await runCli(
      ['run', '--txs', '150', '--accounts', '3', '--mining', 'engine', '--mnemonic', freshMnemonic()].concat([
        '--data-dir',
        tempDataDir(),
        '-q',
      ]),
      { [databaseUrlVariable]: pg.url },
    )
    expect(cli.code, cli.stderr).toBe(0)
    const id = /run (\S+):/.exec(cli.stderr)?.[1] as string
    const server = await app()
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const errors = collectPageErrors(page)
    await page.goto(`${server.baseUrl}/runs`)
    const row = page.getByTestId(`run-row-${id}`)
    await row.waitFor()
    expect(await row.textContent()).toContain('completed')
    await page.goto(`${server.baseUrl}/runs/${id}`)
    await page.getByTestId('count-mined').filter({ hasText: '150' }).waitFor()
    await screenshot(page, 'postgres-run')
    const run = await getRun(server.baseUrl, id)
    expect(run.counts).toMatchObject({ planned: 150, mined: 150 })
    expect(errors).toEqual([])
    await page.close()
  })

  test('a run in progress when its server is killed is interrupted, as seen from another server on the store', async () => {
    const first = await app()
    const id = await startSlowRun(first.baseUrl)
    await first.crash()
    // A new data dir: only PostgreSQL carries the run over.
    const second = await app()
    const run = await getRun(second.baseUrl, id)
    expect(run.status).toBe('interrupted')
    expect(run.error?.code).toBe('INTERRUPTED')
    expect(run.counts.planned).toBe(1000)
  })
})
