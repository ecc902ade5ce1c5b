import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { checkpointInBackground } from './checkpointer'
import type { Db } from './db'
import { migrate } from './migrations'

/** The SQLite store, with what only SQLite has (its pragmas) for the code that needs them. */
export type SqliteDb = Database.Database & Db

/**
 * WAL pages after which the writer checkpoints by itself: a safety net only, for when the
 * background checkpointer is gone (SQLite's default is 1,000 pages, ~4 MB).
 */
const ownCheckpointPages = 20_000

/**
 * The run store in one file of the data dir. WAL: readers (the UI) never block the writer, and a
 * committed transaction survives a crash of this process. Its checkpoints run in a worker thread:
 * on the writer's thread they cost a fifth of a fast run's throughput (docs/architecture.md#store).
 */
export function openSqlite(dataDir: string): SqliteDb {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = join(dataDir, 'evm-stress.sqlite')
  const db = Object.assign(new Database(file), { dialect: 'sqlite' as const })
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  db.pragma(`wal_autocheckpoint = ${ownCheckpointPages}`)
  const checkpointer = checkpointInBackground(file)
  const close = db.close.bind(db)
  db.close = () => {
    if (db.open) checkpointer.release()
    return close()
  }
  // better-sqlite3's statements are the store's (Db's) shape; its generic signatures differ only in spelling.
  return db as unknown as SqliteDb
}
