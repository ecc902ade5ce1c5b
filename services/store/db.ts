import { databaseUrlVariable, openPostgres } from './postgres'
import { openSqlite } from './sqlite'

export { databaseUrlVariable }

export type Dialect = 'sqlite' | 'postgres'

type Args<P> = P extends unknown[] ? P : [P]

/** A prepared statement: `?` or `@name` parameters, rows as plain objects of their columns. */
export type Statement<P extends unknown[] | object = unknown[], R = unknown> = {
  run(...params: Args<P>): { changes: number }
  get(...params: Args<P>): R | undefined
  all(...params: Args<P>): R[]
  /** Rows one at a time, for reads too big to hold (a million-tx run's rows). */
  iterate(...params: Args<P>): IterableIterator<R>
}

/**
 * The run store every module reads and writes through: better-sqlite3's synchronous shape, met by
 * SQLite (the embedded default) and by PostgreSQL (openPostgres) with the same schema and SQL.
 */
export type Db = {
  readonly dialect: Dialect
  readonly open: boolean
  prepare<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Statement<P, R>
  /** `fn` run as one transaction: all its writes or none. */
  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T
  close(): void
}

/**
 * The run record that survives restarts: PostgreSQL when EVM_STRESS_DATABASE_URL names one (a
 * store shared by hosts), else SQLite in the data dir (docs/architecture.md#store).
 */
export function openDb(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): Db {
  const url = env[databaseUrlVariable]?.trim()
  return url ? openPostgres(url) : openSqlite(dataDir)
}
