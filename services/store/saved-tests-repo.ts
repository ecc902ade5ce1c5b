import type { Db } from './db'

export type SavedTestRow = {
  id: string
  name: string
  config_json: string
  created_at: number
  updated_at: number
}

/** The `tests` table (createSavedTestsRepo). */
export type SavedTestsRepo = {
  /** The most recently updated first, at most `limit` (default 500). */
  list(limit?: number): SavedTestRow[]
  /** The test's row; undefined when there is no such test. */
  get(id: string): SavedTestRow | undefined
  /** Inserts a new test's row. */
  insert(row: SavedTestRow): void
  /** False when there is no such test. */
  update(id: string, patch: Pick<SavedTestRow, 'name' | 'config_json' | 'updated_at'>): boolean
  /** False when there is no such test. Runs started from it keep their record (test_id becomes null). */
  remove(id: string): boolean
}

/** Saved test configurations (the `tests` table): rows only, no rules. */
export function createSavedTestsRepo(db: Db): SavedTestsRepo {
  return {
    list(limit = 500): SavedTestRow[] {
      return db
        .prepare<[number], SavedTestRow>('SELECT * FROM tests ORDER BY updated_at DESC, rowid DESC LIMIT ?')
        .all(limit)
    },
    get(id: string): SavedTestRow | undefined {
      return db.prepare<[string], SavedTestRow>('SELECT * FROM tests WHERE id = ?').get(id)
    },
    insert(row: SavedTestRow): void {
      db.prepare(
        `INSERT INTO tests (id, name, config_json, created_at, updated_at)
         VALUES (@id, @name, @config_json, @created_at, @updated_at)`,
      ).run(row)
    },
    update(id: string, patch: Pick<SavedTestRow, 'name' | 'config_json' | 'updated_at'>): boolean {
      const result = db
        .prepare('UPDATE tests SET name = @name, config_json = @config_json, updated_at = @updated_at WHERE id = @id')
        .run({ ...patch, id })
      return result.changes > 0
    },
    remove(id: string): boolean {
      return db.prepare('DELETE FROM tests WHERE id = ?').run(id).changes > 0
    },
  }
}
