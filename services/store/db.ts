import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { checkpointInBackground } from './checkpointer'
import { migrate } from './migrations'

export type Db = Database.Database

/**
 * WAL pages after which the writer checkpoints by itself: a safety net only, for when the
 * background checkpointer is gone (SQLite's default is 1,000 pages, ~4 MB).
 */
const ownCheckpointPages = 20_000

/**
 * The run record that survives restarts. WAL: readers (the UI) never block the writer, and a
 * committed transaction survives a crash of this process. Its checkpoints run in a worker thread:
 * on the writer's thread they cost a fifth of a fast run's throughput (docs/architecture.md#store).
 */
export function openDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = join(dataDir, 'evm-stress.sqlite')
  const db = new Database(file)
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
  return db
}
