import { openStatuses } from '../run-model/status'
import type { Db } from './db'
import type { StoredTxRow } from './tx-rows'

export type RunRow = {
  id: string
  test_id: string | null
  name: string | null
  status: string
  config_json: string
  created_at: number
  started_at: number | null
  ended_at: number | null
  chain_id: number | null
  rpc_url: string | null
  mining: string | null
  planned: number
  report_json: string | null
  error_json: string | null
  resumable: number
  continued_as: string | null
  /** `host:pid` of the process running it; null for runs recorded before owners were. */
  owner: string | null
  /** When its process last said it was running it (ms). */
  alive_at: number | null
}

/** The columns a new run's row is inserted with; the others start empty. */
export type NewRunRow = Pick<
  RunRow,
  'id' | 'test_id' | 'name' | 'status' | 'config_json' | 'created_at' | 'planned' | 'rpc_url' | 'chain_id' | 'resumable'
>

/** The `runs` table, and what a run's txs say in it (createRunsRepo). */
export type RunsRepo = {
  /** Inserts a new run's row. */
  insert(row: NewRunRow): void
  /** Sets the columns given (none: nothing happens). */
  update(id: string, patch: Partial<Omit<RunRow, 'id'>>): void
  /** The run's row; undefined when there is no such run. */
  get(id: string): RunRow | undefined
  /** The newest runs first, at most `limit` (default 200). */
  list(limit?: number): RunRow[]
  /** Deletes the run; its txs, errors and events go with it (ON DELETE CASCADE, foreign_keys = ON). */
  remove(id: string): boolean
  /** Runs a crash left behind: not in a terminal status. */
  unfinished(): RunRow[]
  /** The run's stored txs, by index. */
  txs(id: string): StoredTxRow[]
  /** Rows for planned txs that were never sent, all at once. */
  insertCancelled(runId: string, idxs: readonly number[], reason: string): void
  /** The run's planned txs counted by stored state (states with none are missing). */
  txStateCounts(id: string): Record<string, number>
}

/** Runs and their headline record. */
export function createRunsRepo(db: Db): RunsRepo {
  const insert = db.prepare(
    `INSERT INTO runs (id, test_id, name, status, config_json, created_at, planned, rpc_url, chain_id, resumable)
     VALUES (@id, @test_id, @name, @status, @config_json, @created_at, @planned, @rpc_url, @chain_id, @resumable)`,
  )
  const byId = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?')
  const all = db.prepare<[number], RunRow>('SELECT * FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?')
  return {
    insert(row: NewRunRow) {
      insert.run(row)
    },
    update(id: string, patch: Partial<Omit<RunRow, 'id'>>) {
      const keys = Object.keys(patch)
      if (!keys.length) return
      db.prepare(`UPDATE runs SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...patch, id })
    },
    get(id: string): RunRow | undefined {
      return byId.get(id)
    },
    list(limit = 200): RunRow[] {
      return all.all(limit)
    },
    remove(id: string): boolean {
      return db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0
    },
    unfinished(): RunRow[] {
      return db
        .prepare<string[], RunRow>(`SELECT * FROM runs WHERE status IN (${openStatuses.map(() => '?').join(', ')})`)
        .all(...openStatuses)
    },
    txs(id: string): StoredTxRow[] {
      return db.prepare<[string], StoredTxRow>('SELECT * FROM txs WHERE run_id = ? ORDER BY idx').all(id)
    },
    insertCancelled(runId: string, idxs: readonly number[], reason: string) {
      const stmt = db.prepare(
        `INSERT INTO txs (run_id, idx, role, label, account, state, attempts, error_kind, error_message, updated_at)
         VALUES (?, ?, 'planned', '', '', 'cancelled', 0, 'unknown', ?, ?)`,
      )
      db.transaction(() => {
        for (const idx of idxs) stmt.run(runId, idx, reason, Date.now())
      })()
    },
    txStateCounts(id: string): Record<string, number> {
      const rows = db
        .prepare<[string], { state: string; n: number }>(
          `SELECT state, COUNT(*) n FROM txs WHERE run_id = ? AND role = 'planned' GROUP BY state`,
        )
        .all(id)
      return Object.fromEntries(rows.map((r) => [r.state, r.n]))
    },
  }
}
