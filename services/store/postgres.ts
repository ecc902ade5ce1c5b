import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { redactUrl } from '../chain/node-info'
import { packagePath } from '../chain/package-path'
import { StoreUnavailableError } from '../errors/base'
import type { Db, Statement } from './db'
import { migrations } from './migrations'
import { type PgStatement, pgParams, toPgMigration, toPgStatement } from './pg-sql'

/**
 * The worker's whole source, run with `eval` (as the checkpointer's: nothing to bundle). It holds
 * the connections (the `postgres` driver, which pipelines a transaction's statements) and answers
 * one request at a time: the caller waits on a shared flag, so the store stays synchronous, as
 * better-sqlite3 is, for every module that reads or writes it (docs/architecture.md#store).
 */
const workerSource = `
const { workerData } = require('node:worker_threads')
const postgres = require(workerData.driver)
const { port } = workerData
const flag = new Int32Array(workerData.flag)
// 64-bit integers and counts come back as numbers, as SQLite's do (times in ms, counts, indexes).
const int8 = { to: 20, from: [20, 1700], serialize: (x) => '' + x, parse: (x) => +x }
const sql = postgres(workerData.url, { max: 8, onnotice: () => {}, connect_timeout: 10, types: { int8 } })
const cursors = new Map()
let nextCursor = 0
const reply = (m) => {
  port.postMessage(m)
  Atomics.store(flag, 0, 1)
  Atomics.notify(flag, 0)
}
// SQLite's implicit rowid is not among a SELECT *'s columns; the one spelled out here is not either.
const plain = (rows) => Array.from(rows, (r) => { const { rowid, ...row } = r; return row })
async function handle(m) {
  if (m.op === 'migrate') {
    await sql.begin(async (tx) => {
      // One migrator at a time: the web app and a CLI run may open the store together.
      await tx.unsafe('SELECT pg_advisory_xact_lock(' + m.lock + ')')
      await tx.unsafe('CREATE TABLE IF NOT EXISTS evm_stress_schema (version BIGINT NOT NULL)')
      const [row] = await tx.unsafe('SELECT version FROM evm_stress_schema')
      if (!row) await tx.unsafe('INSERT INTO evm_stress_schema (version) VALUES (0)')
      for (let v = row ? row.version : 0; v < m.migrations.length; v++) {
        await tx.unsafe(m.migrations[v])
        await tx.unsafe('UPDATE evm_stress_schema SET version = $1', [v + 1])
      }
    })
    return null
  }
  if (m.op === 'query') {
    const rows = await sql.unsafe(m.text, m.params, { prepare: true })
    return m.mode === 'run' ? { changes: rows.count } : m.mode === 'get' ? plain(rows.slice(0, 1))[0] : plain(rows)
  }
  if (m.op === 'batch') {
    // Sent together, answered together: one round trip for a commit's statements.
    await sql.begin((tx) => m.statements.map((s) => tx.unsafe(s.text, s.params, { prepare: true })))
    return null
  }
  if (m.op === 'open') {
    const id = nextCursor++
    cursors.set(id, sql.unsafe(m.text, m.params, { prepare: true }).cursor(m.rows)[Symbol.asyncIterator]())
    return id
  }
  if (m.op === 'next') {
    const next = await cursors.get(m.id).next()
    return next.done ? { rows: [], done: true } : { rows: plain(next.value), done: false }
  }
  if (m.op === 'shut') {
    const c = cursors.get(m.id)
    cursors.delete(m.id)
    await c?.return?.()
    return null
  }
  if (m.op === 'end') {
    await sql.end({ timeout: 5 })
    return null
  }
  throw new Error('unknown op ' + m.op)
}
port.on('message', (m) => {
  handle(m).then(
    (result) => reply({ seq: m.seq, result }),
    (e) => reply({ seq: m.seq, error: { message: String((e && e.message) || e), code: e && e.code, detail: e && e.detail } }),
  )
})
`

/** The environment variable that puts the run store on PostgreSQL (docs/config.md#store). */
export const databaseUrlVariable = 'EVM_STRESS_DATABASE_URL'

/** How long one request may take before the store is taken for gone. */
const answerTimeoutMs = 120_000
/** Rows a cursor brings per request: big enough to amortise the round trip, small in memory. */
const cursorRows = 1_000
/** The advisory lock migrations hold: any fixed number of ours ("evm" in ASCII). */
const migrationLock = 0x65766d

type WorkerError = { message: string; code?: string; detail?: string }
type Answer<T> = { seq: number; result?: T; error?: WorkerError }

/**
 * The run store on PostgreSQL: the same tables and the same SQL as SQLite's (pg-sql.ts turns the
 * few spellings that differ), synchronous like better-sqlite3. Each call waits for a worker
 * thread's answer; a transaction's writes are held and sent as one pipelined batch at its end,
 * so a run writer's commit is one round trip, as it is one WAL append on SQLite.
 */
export function openPostgres(url: string): Db {
  const where = redactUrl(url)
  const { port1, port2 } = new MessageChannel()
  const flag = new Int32Array(new SharedArrayBuffer(4))
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { driver: packagePath('postgres'), url, port: port2, flag: flag.buffer },
    transferList: [port2],
  })
  worker.unref()
  let open = true
  let failure: Error | undefined
  worker.on('error', (e) => {
    failure = e
  })
  /** The writes of the transaction being run, sent at its end. */
  let batch: { text: string; params: unknown[] }[] | undefined

  let seq = 0
  function call<T>(message: Record<string, unknown>): T {
    if (!open) throw new StoreUnavailableError(`The store at ${where} is closed`)
    const id = ++seq
    Atomics.store(flag, 0, 0)
    port1.postMessage({ ...message, seq: id })
    const answer = answerTo<T>(id)
    if (!answer)
      throw new StoreUnavailableError(
        failure
          ? `The store's worker for ${where} stopped: ${failure.message}`
          : `PostgreSQL at ${where} did not answer in ${answerTimeoutMs / 1000} s`,
        { hint: 'Check that the server is up and not locked by another session.' },
      )
    if (answer.error) {
      const e = answer.error
      throw new StoreUnavailableError(`PostgreSQL at ${where}: ${e.message}`, {
        ...(e.detail && { details: e.detail }),
        ...(isConnectionError(e) && {
          hint: `Start PostgreSQL, or fix ${databaseUrlVariable} (postgres://user:password@host:port/database); unset it to use the embedded SQLite store.`,
        }),
      })
    }
    return answer.result as T
  }

  /** The answer to request `id`; an answer to an earlier request that was given up on is dropped. */
  function answerTo<T>(id: number): Answer<T> | undefined {
    const deadline = Date.now() + answerTimeoutMs
    for (;;) {
      const left = deadline - Date.now()
      if (left <= 0 || failure) return undefined
      Atomics.wait(flag, 0, 0, left)
      Atomics.store(flag, 0, 0)
      for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
        const answer = m.message as Answer<T>
        if (answer.seq === id) return answer
      }
    }
  }

  function prepare(sql: string): Statement<unknown[], unknown> {
    const s: PgStatement = toPgStatement(sql)
    const query = (mode: 'run' | 'get' | 'all', args: unknown[]) => {
      const params = pgParams(s, args)
      if (batch) {
        if (mode !== 'run') throw new Error(`Reads inside a store transaction are not supported: ${sql}`)
        batch.push({ text: s.text, params })
        // Counted at the commit, where nothing asks for it.
        return { changes: Number.NaN }
      }
      return call({ op: 'query', mode, text: s.text, params })
    }
    return {
      run: (...args) => query('run', args) as { changes: number },
      get: (...args) => query('get', args) ?? undefined,
      all: (...args) => query('all', args) as unknown[],
      *iterate(...args) {
        const id = call<number>({ op: 'open', text: s.text, params: pgParams(s, args), rows: cursorRows })
        try {
          for (;;) {
            const page = call<{ rows: unknown[]; done: boolean }>({ op: 'next', id })
            yield* page.rows
            if (page.done) return
          }
        } finally {
          call({ op: 'shut', id })
        }
      },
    }
  }

  const db: Db = {
    dialect: 'postgres',
    get open() {
      return open
    },
    prepare: prepare as Db['prepare'],
    transaction(fn) {
      return (...args) => {
        if (batch) return fn(...args)
        batch = []
        try {
          const result = fn(...args)
          if (batch.length) call({ op: 'batch', statements: batch })
          return result
        } finally {
          batch = undefined
        }
      }
    },
    close() {
      if (!open) return
      try {
        call({ op: 'end' })
      } finally {
        open = false
        void worker.terminate()
      }
    },
  }
  try {
    call({ op: 'migrate', lock: migrationLock, migrations: migrations.map(toPgMigration) })
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

function isConnectionError(e: WorkerError) {
  return /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|CONNECT_TIMEOUT|28P01|28000|3D000)$/.test(e.code ?? '')
}
