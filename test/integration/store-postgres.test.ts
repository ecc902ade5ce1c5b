import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { StoreUnavailableError } from '../../services/errors/base'
import { resetFromStore } from '../../services/live/from-store'
import type { RunReport } from '../../services/metrics/report'
import { txsCsvChunks } from '../../services/reporting/csv-tables'
import { loadReportData } from '../../services/reporting/stored-run'
import { createRegistry } from '../../services/runs/registry'
import { type Db, databaseUrlVariable, openDb } from '../../services/store/db'
import { storedOutcomes } from '../../services/store/outcome-rows'
import { openPostgres } from '../../services/store/postgres'
import { replayRun, storedEvents } from '../../services/store/replay-events'
import { loadTimeline } from '../../services/store/run-timeline'
import { createRunWriter } from '../../services/store/run-writer'
import { createRunsRepo } from '../../services/store/runs-repo'
import { createSavedTestsRepo } from '../../services/store/saved-tests-repo'
import { openSqlite } from '../../services/store/sqlite'
import { readTxStatRows } from '../../services/store/stat-rows'
import { getTxRow, listTxRows } from '../../services/store/tx-rows'
import { withTestNode } from '../helpers/anvil'
import { runCli, startCli } from '../helpers/cli'
import { engineLikeStream } from '../helpers/engine-like-stream'
import { withTestPostgres } from '../helpers/postgres'
import { freshMnemonic, tempDataDir } from '../helpers/run'
import { insertSyntheticRun } from '../helpers/synthetic-run'

const pg = withTestPostgres()
const testNode = withTestNode()

/** The same two runs, written the same way: a synthetic finished one, and one through the run writer. */
function writeRuns(db: Db) {
  const report = insertSyntheticRun(db, { txs: 2_500, accounts: 40, seconds: 120, id: 'synthetic' })
  // The report's one reading of this process (its peak RSS) left out: it differs between the calls.
  createRunsRepo(db).update('synthetic', {
    report_json: JSON.stringify(report, (k, v) => (k === 'peakRssKiB' ? 0 : v)),
  })
  createRunsRepo(db).insert({
    id: 'streamed',
    test_id: null,
    name: 'streamed',
    status: 'running',
    config_json: '{}',
    created_at: 1_750_000_000_000,
    planned: 2_000,
    rpc_url: null,
    chain_id: 31337,
    resumable: 1,
  })
  // Small buffers: one tx's events land in several commits (the acceptance bounds fold across them).
  const writer = createRunWriter(db, 'streamed', { maxBuffered: 7 })
  for (const e of engineLikeStream(2_000, 5)) {
    writer.onEvent(e)
    if (e.type === 'tx' && e.idx % 89 === 0) writer.flush()
  }
  writer.append('series', 5, { t: 5, sent: 1 })
  writer.close()
  // Stamped with the clock: the same time for both stores.
  vi.useFakeTimers({ toFake: ['Date'], now: 1_750_000_500_000 })
  try {
    createRunsRepo(db).insertCancelled('streamed', [5_000, 5_001], 'stopped by the user')
  } finally {
    vi.useRealTimers()
  }
}

/** Every reader of the store, as the API, reports, live page and run model call them. */
function readAll(db: Db) {
  const runs = createRunsRepo(db)
  const txQueries = [
    {},
    { states: ['mined', 'reverted'] as const, offset: 40, limit: 30 },
    { account: '0x00000000000000000000000000000000000000aa'.toUpperCase().replace('0X', '0x') },
    { q: 'NONCE' },
    { q: '100%_' },
    { label: 'approve', errorKind: 'nonce-too-low' as const },
  ]
  return {
    list: runs.list(),
    unfinished: runs.unfinished().map((r) => r.id),
    runs: ['synthetic', 'streamed'].map((id) => ({
      row: runs.get(id),
      txs: runs.txs(id),
      counts: runs.txStateCounts(id),
      pages: txQueries.map((q) => listTxRows(db, id, { ...q, states: q.states && [...q.states] })),
      one: [getTxRow(db, id, 7), getTxRow(db, id, -1), getTxRow(db, id, 99_999)],
      stats: [...readTxStatRows(db, id)],
      mined: [...storedOutcomes(db, id).mined],
      outcomes: [...storedOutcomes(db, id).txs],
      events: [...storedEvents(db, id)],
      replay: replayRun(db, { id, planned: 2_000, ended_at: 9_999 }, 9_999),
      timeline: loadTimeline(db, id),
      csv: [...txsCsvChunks(db, id, 700)],
    })),
    report: loadReportData(db, 'synthetic'),
    live: resetFromStore(db, runs.get('synthetic') as NonNullable<ReturnType<typeof runs.get>>),
  }
}

describe('the run store on PostgreSQL', () => {
  let sqlite: Db
  let postgres: Db
  beforeAll(() => {
    sqlite = openSqlite(tempDataDir())
    postgres = openPostgres(pg.url)
  })
  afterAll(() => {
    sqlite?.close()
    postgres?.close()
  })

  it('has SQLite’s tables and columns, in the same order', () => {
    const tables = ['tests', 'runs', 'txs', 'errors', 'run_events']
    for (const table of tables) {
      const lite = sqlite.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table)
      const pgColumns = postgres
        .prepare<[string], { name: string }>(
          `SELECT column_name AS name FROM information_schema.columns
           WHERE table_name = ? AND column_name <> 'rowid' ORDER BY ordinal_position`,
        )
        .all(table)
      expect(lite.length, table).toBeGreaterThan(3)
      expect(pgColumns, table).toEqual(lite)
    }
  })

  it('answers every reader as SQLite does, for the same runs written the same way', () => {
    writeRuns(sqlite)
    writeRuns(postgres)
    const want = readAll(sqlite)
    const got = readAll(postgres)
    // The fixtures reach every path: filters match some rows, the writer folded acceptances.
    expect(want.runs[1]?.pages[3]?.matching).toBeGreaterThan(0)
    expect(want.runs[1]?.pages[2]?.matching).toBeGreaterThan(100)
    expect(want.runs[0]?.stats).toHaveLength(2_505)
    expect(want.runs[1]?.txs.some((t) => t.first_submitted_at !== null && t.accepted_at !== null)).toBe(true)
    expect(want.unfinished).toEqual(['streamed'])
    const { runs: wantRuns, ...wantRest } = want
    const { runs: gotRuns, ...gotRest } = got
    for (const [i, run] of wantRuns.entries())
      for (const key of Object.keys(run) as (keyof typeof run)[])
        expect(gotRuns[i]?.[key], `${i} ${key}`).toEqual(run[key])
    for (const key of Object.keys(wantRest) as (keyof typeof wantRest)[])
      expect(gotRest[key], key).toEqual(wantRest[key])
  })

  it('saved tests: insert, list newest first, update and remove as on SQLite', () => {
    for (const db of [sqlite, postgres]) {
      const tests = createSavedTestsRepo(db)
      for (const [i, id] of ['a', 'b', 'c'].entries())
        tests.insert({ id, name: id, config_json: '{}', created_at: 1, updated_at: 1 + (i === 1 ? 1 : 0) })
      expect(tests.update('a', { name: 'A', config_json: '{"x":1}', updated_at: 1 })).toBe(true)
      expect(tests.update('zz', { name: 'A', config_json: '{}', updated_at: 1 })).toBe(false)
      expect(
        tests.list().map((t) => t.id),
        db.dialect,
      ).toEqual(['b', 'c', 'a'])
      expect(tests.get('a')?.name).toBe('A')
      expect(tests.remove('c')).toBe(true)
      expect(tests.remove('c')).toBe(false)
    }
  })

  it('a transaction that throws writes nothing', () => {
    const runs = createRunsRepo(postgres)
    runs.insert({ ...newRun('rolled-back') })
    const write = postgres.transaction(() => {
      postgres.prepare("UPDATE runs SET status = 'failed' WHERE id = ?").run('rolled-back')
      throw new Error('midway')
    })
    expect(() => write()).toThrow('midway')
    expect(runs.get('rolled-back')?.status).toBe('running')
  })

  it('is opened by many at once, migrated once, and the second opening finds the tables there', () => {
    const many = Array.from({ length: 4 }, () => openPostgres(pg.url))
    for (const db of many) expect(createRunsRepo(db).get('synthetic')?.planned).toBe(2_500)
    for (const db of many) db.close()
    const version = postgres.prepare<[], { version: number }>('SELECT version FROM evm_stress_schema').all()
    expect(version).toHaveLength(1)
    expect(version[0]?.version).toBeGreaterThan(0)
  })

  it(`is chosen by ${databaseUrlVariable}; one that does not answer is refused with the variable named`, () => {
    const chosen = openDb(tempDataDir(), { [databaseUrlVariable]: pg.url })
    expect(chosen.dialect).toBe('postgres')
    chosen.close()
    expect(openDb(tempDataDir(), {}).dialect).toBe('sqlite')
    const refused = () => openDb(tempDataDir(), { [databaseUrlVariable]: 'postgres://evm:secret@127.0.0.1:1/none' })
    expect(refused).toThrow(StoreUnavailableError)
    expect(refused).toThrow(databaseUrlVariable)
    expect(refused).not.toThrow('secret')
  })
})

describe(`the CLI with ${databaseUrlVariable}`, () => {
  it('records the run in PostgreSQL and writes its HTML report from there; the data dir holds no SQLite file', async () => {
    const dir = tempDataDir()
    const html = join(dir, 'report.html')
    const r = await runCli(
      [
        'run',
        ...['--rpc-url', testNode.anvil.rpcUrl, '--txs', '300', '--accounts', '4', '--mining', 'engine'],
        ...['--mnemonic', freshMnemonic(), '--data-dir', dir, '--report-html', html, '-q'],
      ],
      { [databaseUrlVariable]: pg.url },
    )
    expect(r.code, r.stderr).toBe(0)
    const id = /run (\S+):/.exec(r.stderr)?.[1] as string
    const db = openPostgres(pg.url)
    try {
      const row = createRunsRepo(db).get(id)
      expect(row?.status).toBe('completed')
      expect(createRunsRepo(db).txStateCounts(id)).toEqual({ mined: 300 })
      const report = JSON.parse(row?.report_json ?? '{}') as RunReport
      expect(report.counts.mined).toBe(300)
      expect(report.chainAgrees).toBe(true)
    } finally {
      db.close()
    }
    expect(readFileSync(html, 'utf8')).toContain(id)
    expect(existsSync(join(dir, 'evm-stress.sqlite'))).toBe(false)
  })

  it('a run the CLI is running is left running by a server that starts on the same store, and ends completed', async () => {
    const cli = startCli(
      [
        'run',
        ...['--rpc-url', testNode.anvil.rpcUrl, '--txs', '1500', '--rate', '300', '--accounts', '3'],
        ...['--mining', 'engine', '--mnemonic', freshMnemonic(), '--data-dir', tempDataDir(), '-q'],
      ],
      { [databaseUrlVariable]: pg.url },
    )
    const db = openPostgres(pg.url)
    const before = process.env[databaseUrlVariable]
    process.env[databaseUrlVariable] = pg.url
    const registry = createRegistry({ dataDir: tempDataDir(), rpcUrl: testNode.anvil.rpcUrl })
    try {
      const runs = createRunsRepo(db)
      let row = runs.list(1)[0]
      while (row?.status !== 'running' || row.alive_at === null) {
        await new Promise((r) => setTimeout(r, 50))
        row = runs.list(1)[0]
      }
      // Until it beat, a server starting took every unfinished run for one its own crash left.
      registry.init()
      expect(registry.getRun(row.id).status).toBe('running')
      const done = await cli.result
      expect(done.code, done.stderr).toBe(0)
      expect(registry.getRun(row.id).status).toBe('completed')
    } finally {
      if (before === undefined) delete process.env[databaseUrlVariable]
      else process.env[databaseUrlVariable] = before
      await registry.close()
      db.close()
    }
  })

  it('refuses a PostgreSQL that does not answer before anything is written: the variable named, its password not', async () => {
    const dir = join(tempDataDir(), 'never-created')
    const r = await runCli(['run', '--txs', '5', '--data-dir', dir], {
      [databaseUrlVariable]: 'postgres://evm:secret@127.0.0.1:1/none',
    })
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('PostgreSQL at postgres://127.0.0.1:1/…')
    expect(r.stderr).toContain(`→ Start PostgreSQL, or fix ${databaseUrlVariable}`)
    expect(r.stderr).not.toContain('secret')
    expect(existsSync(dir)).toBe(false)
  })
})

function newRun(id: string) {
  return {
    id,
    test_id: null,
    name: id,
    status: 'running',
    config_json: '{}',
    created_at: Date.now(),
    planned: 1,
    rpc_url: null,
    chain_id: 31337,
    resumable: 0,
  }
}
