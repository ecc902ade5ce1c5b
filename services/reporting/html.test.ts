import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDataDir } from '../../test/helpers/run'
import { insertSyntheticRun, syntheticHash } from '../../test/helpers/synthetic-run'
import { toolEnvironment } from '../metrics/environment'
import { type Db, openDb } from '../store/db'
import { reportHtml } from './html'
import { loadReportData } from './stored-run'

describe('the HTML report of a 100k-tx run', () => {
  let db: Db
  let html: string
  let buildMs: number

  beforeAll(() => {
    db = openDb(tempDataDir())
    // 100k txs over 50 minutes: 3,000 series points, 3,000 blocks, and the most senders a run may have.
    insertSyntheticRun(db, { id: 'big', txs: 100_000, accounts: 10_000, seconds: 3_000 })
    const started = performance.now()
    const data = loadReportData(db, 'big')
    html = reportHtml({ ...data, generated: { at: new Date().toISOString(), by: toolEnvironment() } })
    buildMs = performance.now() - started
  }, 60_000)
  afterAll(() => db?.close())

  it('stays under 2 MB and holds no per-tx row', () => {
    const bytes = Buffer.byteLength(html)
    console.log(`HTML report of 100k txs: ${(bytes / 1024).toFixed(1)} KB, built in ${buildMs.toFixed(0)} ms`)
    expect(bytes).toBeLessThan(2 * 1024 * 1024)
    for (const idx of [0, 1, 500, 99_999, -1]) expect(html).not.toContain(syntheticHash(idx))
  })

  it('draws each chart from at most ~1,000 points per line', () => {
    expect(html.match(/<svg class="chart"/g)).toHaveLength(4)
    for (const path of html.match(/<path d="[^"]*"/g) ?? [])
      expect((path.match(/[ML]/g) ?? []).length).toBeLessThanOrEqual(1_000)
  })

  it('has the tables and numbers of the run', () => {
    for (const id of ['functions-table', 'errors-table', 'accounts-table']) expect(html).toContain(`<table id="${id}">`)
    expect(html).toContain('<code>transfer(address,uint256)</code>')
    expect(html).toContain('100,000')
  })

  it('needs nothing from the network and runs no script', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|@import|url\(/i)
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`)
  })

  it('escapes every value from the run', () => {
    expect(html).toContain('synthetic &#60;load&#62; &#38; &#34;quotes&#34;')
    expect(html).not.toContain('<load>')
    expect(html).toContain('nonce too low &#60;b&#62;')
  })
})

describe('reportHtml', () => {
  it('shows threshold verdicts, failed ones marked, when the config had thresholds', () => {
    const db = openDb(tempDataDir())
    insertSyntheticRun(db, { id: 'verdicts', txs: 50, accounts: 3, seconds: 5 })
    const data = loadReportData(db, 'verdicts')
    const verdict = { op: '<' as const, unit: 'ms' as const, definite: true, abortOnFail: false }
    data.report.thresholds = [
      { ...verdict, name: 'latency.p95 < 2000', metric: 'latency.p95', value: 2000, actual: 1500, ok: true },
      { ...verdict, name: 'fast <enough>', metric: 'latency.p99', value: 100, actual: 1900, ok: false },
    ]
    data.report.thresholdsOk = false
    const html = reportHtml(data)
    expect(html).toContain('<table id="thresholds-table">')
    expect(html).toContain('thresholds failed')
    expect(html).toContain('fast &#60;enough&#62;')
    expect(html.match(/<span class="badge bad">fail<\/span>/g)).toHaveLength(1)
    expect(html.match(/<span class="badge ok">pass<\/span>/g)).toHaveLength(1)
    // Without thresholds there is no section at all.
    expect(reportHtml({ ...data, report: { ...data.report, thresholds: [] } })).not.toContain('id="thresholds"')
    db.close()
  })

  it('never shows a key, a mnemonic or an RPC URL path, even if a config carried them', () => {
    const db = openDb(tempDataDir())
    insertSyntheticRun(db, { id: 'small', txs: 50, accounts: 3, seconds: 5 })
    const data = loadReportData(db, 'small')
    const secretKey = `0x${'ab'.repeat(32)}`
    data.report.config = {
      ...data.report.config,
      rpcUrl: 'https://eth.example/v3/SECRET-API-KEY',
      mnemonic: 'test test test test test test test test test test test junk',
      privateKeys: [secretKey],
      funderKey: secretKey,
    }
    const html = reportHtml(data)
    expect(html).not.toContain('SECRET-API-KEY')
    expect(html).not.toContain('junk')
    expect(html).not.toContain('abab')
    expect(html).toContain('https://eth.example/…')
    db.close()
  })
})
