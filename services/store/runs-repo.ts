import type { Db } from './db'

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
}

export type TxRow = {
  idx: number
  role: string
  label: string
  account: string
  nonce: number | null
  hash: string | null
  state: string
  attempts: number
  submitted_at: number | null
  included_at: number | null
  block_number: number | null
  gas_used: string | null
  latency_ms: number | null
  error_kind: string | null
  error_message: string | null
}

/** Runs and their headline record. */
export function createRunsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO runs (id, test_id, name, status, config_json, created_at, planned, rpc_url)
     VALUES (@id, @test_id, @name, @status, @config_json, @created_at, @planned, @rpc_url)`,
  )
  const byId = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?')
  const all = db.prepare<[number], RunRow>('SELECT * FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?')
  return {
    insert(
      row: Pick<RunRow, 'id' | 'test_id' | 'name' | 'status' | 'config_json' | 'created_at' | 'planned' | 'rpc_url'>,
    ) {
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
    /** Runs a crash left behind: not in a terminal status. */
    unfinished(): RunRow[] {
      return db
        .prepare<[], RunRow>(
          `SELECT * FROM runs WHERE status IN ('pending','preparing','funding','running','paused','waiting-for-node','draining')`,
        )
        .all()
    },
    txs(id: string): TxRow[] {
      return db.prepare<[string], TxRow>('SELECT * FROM txs WHERE run_id = ? ORDER BY idx').all(id)
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

export type RunsRepo = ReturnType<typeof createRunsRepo>
