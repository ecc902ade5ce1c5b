import { startApp } from '../test/e2e/support/app-server'
import { launchChromium, screenshot } from '../test/e2e/support/browser'

/**
 * How smooth the live run page stays under a high-rate run, measured in Debian's Chromium:
 * the app as `npm start` runs it, a concurrent run of BENCH_UI_TXS transfers (default 100,000,
 * so the tx log ends up holding 100k rows), the run page open from the start. Prints, as JSON:
 * - event → screen: for each batch of tx rows, the time from the engine's event (the oldest
 *   row in the batch) to the page having rendered it (p50/p95/max);
 * - long tasks (> 50 ms, and how many > 100 ms) while the run streams in, and while a user
 *   scrolls and filters the full log afterwards; with Long Animation Frame script attribution.
 * A benchmark, not a test: nothing here fails on a number.
 */
const txs = Number(process.env.BENCH_UI_TXS ?? 100_000)

type Bench = {
  longTasks: { start: number; duration: number }[]
  loaf: { start: number; duration: number; scripts: string[] }[]
}

const app = await startApp()
const browser = await launchChromium()
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
  await page.addInitScript(() => {
    const bench: Bench = { longTasks: [], loaf: [] }
    Object.assign(window, { __bench: bench })
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & {
        scripts?: { sourceURL: string; invoker: string }[]
      })[])
        if (e.duration > 100)
          bench.loaf.push({
            start: e.startTime,
            duration: e.duration,
            scripts: (e.scripts ?? []).map((s) => `${s.invoker} @ ${s.sourceURL.replace(/^.*\/_next\//, '')}`),
          })
    }).observe({ type: 'long-animation-frame', buffered: true })
  })
  const res = await fetch(`${app.baseUrl}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode: 'concurrent', txs, accounts: 100, concurrency: 1000, batchSize: 100 }),
  })
  if (res.status !== 201) throw new Error(`POST /api/runs → ${res.status}: ${await res.text()}`)
  const { id } = (await res.json()) as { id: string }
  const started = Date.now()
  await page.goto(`${app.baseUrl}/runs/${id}`)
  let shot = false
  for (;;) {
    const state = await page.getByTestId('stream-status').textContent()
    if (!shot && Date.now() - started > 8_000) {
      await screenshot(page, 'bench-live-mid-run')
      shot = true
    }
    if (state?.includes('ended')) break
    await new Promise((r) => setTimeout(r, 500))
  }
  const runMs = Date.now() - started
  const streamPhase = await page.evaluate(() => performance.now())

  // A user with the full log: scroll it, filter it, clear the filter.
  const log = page.getByTestId('tx-log')
  for (let i = 0; i < 20; i++) await log.evaluate((el, y) => el.scrollBy(0, y), i % 2 ? -40_000 : 60_000)
  await page.getByTestId('filter-text').fill('0xab')
  await page.waitForTimeout(500)
  await page.getByTestId('filter-text').fill('')
  await page.getByTestId('filter-account').selectOption({ index: 1 })
  await page.waitForTimeout(500)
  await page.getByTestId('filter-account').selectOption({ index: 0 })
  await page.waitForTimeout(500)
  await screenshot(page, 'bench-live-end')

  const { bench, lags, rows } = await page.evaluate(() => {
    const w = window as unknown as { __bench: Bench; __evmStressStream?: { lags?: number[] } }
    const count = document.querySelector('[data-testid="tx-log-count"]')?.getAttribute('data-total')
    return { bench: w.__bench, lags: w.__evmStressStream?.lags ?? [], rows: Number(count) }
  })
  const sorted = [...lags].sort((a, b) => a - b)
  const pct = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? null
  const phase = (during: boolean) => bench.longTasks.filter((t) => t.start < streamPhase === during)
  const summary = (tasks: { duration: number }[]) => ({
    over50ms: tasks.length,
    over100ms: tasks.filter((t) => t.duration > 100).length,
    maxMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
  })
  console.log(
    JSON.stringify(
      {
        txs,
        runSeconds: Math.round(runMs / 100) / 10,
        logRows: rows,
        eventToScreenMs: { batches: lags.length, p50: pct(50), p95: pct(95), max: sorted.at(-1) ?? null },
        longTasksWhileStreaming: summary(phase(true)),
        longTasksScrollingAndFiltering: summary(phase(false)),
        longAnimationFramesOver100ms: bench.loaf.slice(0, 10),
      },
      null,
      2,
    ),
  )
} finally {
  await browser.close()
  await app.stop()
}
