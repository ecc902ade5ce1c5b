import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { FunctionStats } from '../../services/metrics/functions'
import type { RunReport } from '../../services/metrics/report'
import { runReportSchema } from '../../services/metrics/report-schema'
import { reportSchemaPath } from '../../services/metrics/report-schema-file'
import { parseCsv } from '../../services/reporting/csv'
import { csvChunks } from '../../services/reporting/csv-tables'
import { reportHtml } from '../../services/reporting/html'
import { loadReport, loadReportData } from '../../services/reporting/stored-run'
import type { Db } from '../../services/store/db'
import { withTestNode } from '../helpers/anvil'
import { runCli } from '../helpers/cli'
import { freshMnemonic, startTestRun, tempDataDir } from '../helpers/run'

const testNode = withTestNode()

const schemaFile = () => JSON.parse(readFileSync(join(process.cwd(), reportSchemaPath), 'utf8'))

/** Nearest-rank percentile computed by SQLite itself: the p-th value of the sorted column. */
function sqlPercentile(db: Db, runId: string, column: string, where: string, p: number): number | null {
  const { n } = db.prepare(`SELECT COUNT(*) n FROM txs WHERE run_id = ? AND ${where}`).get(runId) as { n: number }
  if (!n) return null
  const offset = Math.min(n, Math.max(1, Math.ceil((p / 100) * n))) - 1
  const row = db
    .prepare(`SELECT ${column} v FROM txs WHERE run_id = ? AND ${where} ORDER BY ${column} LIMIT 1 OFFSET ?`)
    .get(runId, offset) as { v: number }
  return row.v
}

/**
 * Every number of the report that comes from the stored rows, computed again with SQL alone
 * (GROUP BY, AVG, MIN, MAX, ORDER BY … OFFSET), independently of services/metrics.
 */
function expectReportMatchesRows(db: Db, runId: string, report: RunReport) {
  // Counts by terminal state: the planned txs' rows.
  const byState = db
    .prepare(`SELECT state, COUNT(*) n FROM txs WHERE run_id = ? AND role = 'planned' GROUP BY state`)
    .all(runId) as { state: string; n: number }[]
  const counts = Object.fromEntries(byState.map((r) => [r.state, r.n]))
  for (const state of ['mined', 'reverted', 'failed', 'dropped', 'cancelled'] as const)
    expect(report.counts[state], state).toBe(counts[state] ?? 0)
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(report.counts.planned)

  // Latency percentiles of the whole run: the planned txs that were included.
  const included = `role = 'planned' AND state IN ('mined', 'reverted') AND latency_ms IS NOT NULL`
  for (const p of [50, 95, 99] as const)
    expect(report.latencyMs[`p${p}`], `latency p${p}`).toBe(sqlPercentile(db, runId, 'latency_ms', included, p))

  expect(report.gapFills).toBe(
    (db.prepare(`SELECT COUNT(*) n FROM txs WHERE run_id = ? AND role = 'gap-fill'`).get(runId) as { n: number }).n,
  )

  // Per function: counts, gas avg/p95/min/max/total over the included txs, latency p50/p95.
  const groups = db
    .prepare(
      `SELECT role, label, COUNT(*) count,
              SUM(state = 'mined') mined, SUM(state = 'reverted') reverted, SUM(state = 'failed') failed,
              SUM(state = 'dropped') dropped, SUM(state = 'cancelled') cancelled,
              AVG(CASE WHEN state IN ('mined', 'reverted') THEN CAST(gas_used AS INTEGER) END) gasAvg,
              MIN(CASE WHEN state IN ('mined', 'reverted') THEN CAST(gas_used AS INTEGER) END) gasMin,
              MAX(CASE WHEN state IN ('mined', 'reverted') THEN CAST(gas_used AS INTEGER) END) gasMax,
              TOTAL(CASE WHEN state IN ('mined', 'reverted') THEN CAST(gas_used AS INTEGER) END) gasTotal
       FROM txs WHERE run_id = ? GROUP BY role, label`,
    )
    .all(runId) as {
    role: string
    label: string
    count: number
    mined: number
    reverted: number
    failed: number
    dropped: number
    cancelled: number
    gasAvg: number | null
    gasMin: number | null
    gasMax: number | null
    gasTotal: number
  }[]
  expect(report.functions).toHaveLength(groups.length)
  for (const g of groups) {
    const f = report.functions.find((x) => x.role === g.role && x.label === g.label) as FunctionStats
    expect(f, `${g.role} ${g.label}`).toBeDefined()
    expect({ count: f.count, mined: f.mined, reverted: f.reverted, failed: f.failed, dropped: f.dropped }).toEqual({
      count: g.count,
      mined: g.mined,
      reverted: g.reverted,
      failed: g.failed,
      dropped: g.dropped,
    })
    expect(f.cancelled).toBe(g.cancelled)
    expect(f.gas.avg).toBe(g.gasAvg === null ? null : Math.round(g.gasAvg * 10) / 10)
    expect(f.gas.min).toBe(g.gasMin)
    expect(f.gas.max).toBe(g.gasMax)
    expect(f.gas.total).toBe(g.gasTotal)
    const where = (extra: string) =>
      `role = '${g.role}' AND label = '${g.label.replaceAll("'", "''")}' AND state IN ('mined', 'reverted') AND ${extra}`
    expect(f.gas.p95, `gas p95 of ${g.label}`).toBe(
      sqlPercentile(db, runId, 'CAST(gas_used AS INTEGER)', where('gas_used IS NOT NULL'), 95),
    )
    expect(f.latencyMs.p50).toBe(sqlPercentile(db, runId, 'latency_ms', where('latency_ms IS NOT NULL'), 50))
    expect(f.latencyMs.p95).toBe(sqlPercentile(db, runId, 'latency_ms', where('latency_ms IS NOT NULL'), 95))
  }

  // Error groups: the errors table grouped by kind and function.
  const errors = db
    .prepare(
      `SELECT kind, COALESCE(label, '') label, COUNT(*) count, SUM(will_retry) retried
       FROM errors WHERE run_id = ? GROUP BY kind, COALESCE(label, '')`,
    )
    .all(runId) as { kind: string; label: string; count: number; retried: number }[]
  expect(report.errors.map((e) => ({ kind: e.kind, label: e.label, count: e.count, retried: e.retried }))).toEqual(
    expect.arrayContaining(errors),
  )
  expect(report.errors).toHaveLength(errors.length)

  // Blocks the run followed: the ones the live view stored.
  const blocks = db
    .prepare(`SELECT data_json FROM run_events WHERE run_id = ? AND type = 'block'`)
    .all(runId)
    .map((r) => JSON.parse((r as { data_json: string }).data_json) as { gasUsed: number })
  expect(report.blocks.count).toBe(blocks.length)
  expect(report.blocks.gasUsed).toBe(String(blocks.reduce((s, b) => s + b.gasUsed, 0)))
}

/** The txs CSV parsed back: one record per stored row, equal to it. */
function expectCsvMatchesRows(db: Db, runId: string, expectedRows: number) {
  const [header, ...records] = parseCsv([...csvChunks(db, runId, 'txs')].join(''))
  const stored = db.prepare('SELECT * FROM txs WHERE run_id = ? ORDER BY idx').all(runId) as Record<string, unknown>[]
  expect(records).toHaveLength(stored.length)
  expect(records).toHaveLength(expectedRows)
  for (const [i, record] of records.entries()) {
    const row = stored[i] as Record<string, unknown>
    for (const [j, column] of (header ?? []).entries()) {
      const value = row[column]
      expect(record[j], `${column} of row ${i}`).toBe(value === null ? '' : String(value))
    }
  }
  return header
}

describe('reports of a real run', () => {
  it('custom call with reverts: schema-valid JSON, CSV = stored rows = planned, numbers re-derived from SQL', async () => {
    const { session, db } = startTestRun(testNode.node, {
      txs: 200,
      accounts: 5,
      mining: 'engine',
      mnemonic: freshMnemonic(),
      scenario: {
        name: 'custom-call',
        target: { builtin: 'GasBurner' },
        function: 'maybeRevert',
        args: [{ kind: 'sequence', start: 1 }, 5],
      },
    })
    const report = await session.done
    expect(report.counts).toMatchObject({ planned: 200, mined: 160, reverted: 40 })

    // The stored report (what the API serves) is the one the run returned, and it validates.
    const stored = loadReport(db, session.id).report
    expect(stored).toEqual(JSON.parse(JSON.stringify(report)))
    expect(runReportSchema.safeParse(stored).error).toBeUndefined()
    expect(z.fromJSONSchema(schemaFile()).safeParse(stored).error).toBeUndefined()

    const fn = report.functions.find((f) => f.label.startsWith('maybeRevert'))
    expect(fn).toMatchObject({ role: 'planned', count: 200, mined: 160, reverted: 40 })
    expect(fn?.gas.avg).toBeGreaterThan(21_000)
    expect(fn?.gas.p95).toBeGreaterThanOrEqual(fn?.gas.avg ?? Number.POSITIVE_INFINITY)
    expectReportMatchesRows(db, session.id, report)
    expectCsvMatchesRows(db, session.id, report.counts.planned + report.gapFills)

    // The small tables: one line per function / error group / account, plus the header.
    expect(parseCsv([...csvChunks(db, session.id, 'functions')].join(''))).toHaveLength(report.functions.length + 1)
    expect(parseCsv([...csvChunks(db, session.id, 'errors')].join(''))).toHaveLength(report.errors.length + 1)
    const accounts = parseCsv([...csvChunks(db, session.id, 'accounts')].join(''))
    expect(accounts).toHaveLength(report.accounts.length + 1)
    const txsColumn = accounts[0]?.indexOf('txs') ?? -1
    expect(accounts.slice(1).reduce((s, r) => s + Number(r[txsColumn]), 0)).toBe(200 + report.gapFills)

    // The HTML: the tables and charts, and no tx hash.
    const html = reportHtml(loadReportData(db, session.id))
    expect(html).toContain('<table id="functions-table">')
    expect(html).toContain('maybeRevert')
    expect(html.match(/<svg class="chart"/g)).toHaveLength(4)
    const hashes = db.prepare('SELECT hash FROM txs WHERE run_id = ? AND hash IS NOT NULL').all(session.id) as {
      hash: string
    }[]
    expect(hashes.length).toBeGreaterThan(0)
    for (const { hash } of hashes) expect(html).not.toContain(hash)
  })

  it('concurrent users: one entry per function (approve, transfer), each re-derived from SQL', async () => {
    const { session, db } = startTestRun(testNode.node, {
      mode: 'multi-user',
      accounts: 8,
      delayMs: 5,
      mining: 'automine',
      mnemonic: freshMnemonic(),
      scenario: { name: 'concurrent-users', journeysPerUser: 2, amount: '1000' },
    })
    const report = await session.done
    expect(report.counts).toMatchObject({ planned: 32, mined: 32 })
    expect(report.functions.filter((f) => f.role === 'planned')).toHaveLength(2)
    for (const f of report.functions) expect(f).toMatchObject({ count: 16, mined: 16 })
    expect(runReportSchema.safeParse(loadReport(db, session.id).report).error).toBeUndefined()
    expectReportMatchesRows(db, session.id, report)
    expectCsvMatchesRows(db, session.id, 32 + report.gapFills)
  })
})

describe('evm-stress run --report-csv --report-html', () => {
  it('writes the four CSV tables and the HTML report next to the JSON one', async () => {
    const dir = tempDataDir()
    const csvDir = join(dir, 'csv')
    const htmlFile = join(dir, 'report.html')
    const jsonFile = join(dir, 'report.json')
    const r = await runCli([
      'run',
      '--rpc-url',
      testNode.anvil.rpcUrl,
      '--txs',
      '60',
      '--accounts',
      '3',
      '--mining',
      'engine',
      '--mnemonic',
      freshMnemonic(),
      '--data-dir',
      dir,
      '--report',
      jsonFile,
      '--report-csv',
      csvDir,
      '--report-html',
      htmlFile,
      '-q',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain(`HTML report written to ${htmlFile}`)
    const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as RunReport
    expect(runReportSchema.safeParse(report).error).toBeUndefined()
    const txs = parseCsv(readFileSync(join(csvDir, 'txs.csv'), 'utf8'))
    expect(txs).toHaveLength(60 + report.gapFills + 1)
    expect(parseCsv(readFileSync(join(csvDir, 'functions.csv'), 'utf8'))).toHaveLength(report.functions.length + 1)
    expect(parseCsv(readFileSync(join(csvDir, 'accounts.csv'), 'utf8'))).toHaveLength(4)
    expect(readFileSync(join(csvDir, 'errors.csv'), 'utf8').split('\r\n')[0]).toBe(
      'kind,title,label,count,retried,hint,sample,first_at,last_at',
    )
    const html = readFileSync(htmlFile, 'utf8')
    expect(html).toContain(report.runId)
    expect(html.match(/<svg class="chart"/g)).toHaveLength(4)
  })
})
