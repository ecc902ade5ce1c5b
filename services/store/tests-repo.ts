import type { Db } from './db'

export type TestRow = {
  id: string
  name: string
  config_json: string
  created_at: number
  updated_at: number
}

/** Saved test configurations (the `tests` table): rows only, no rules. */
export function createTestsRepo(db: Db) {
  return {
    list(limit = 500): TestRow[] {
      return db
        .prepare<[number], TestRow>('SELECT * FROM tests ORDER BY updated_at DESC, rowid DESC LIMIT ?')
        .all(limit)
    },
    get(id: string): TestRow | undefined {
      return db.prepare<[string], TestRow>('SELECT * FROM tests WHERE id = ?').get(id)
    },
    insert(row: TestRow): void {
      db.prepare(
        `INSERT INTO tests (id, name, config_json, created_at, updated_at)
         VALUES (@id, @name, @config_json, @created_at, @updated_at)`,
      ).run(row)
    },
    /** False when there is no such test. */
    update(id: string, patch: Pick<TestRow, 'name' | 'config_json' | 'updated_at'>): boolean {
      const result = db
        .prepare('UPDATE tests SET name = @name, config_json = @config_json, updated_at = @updated_at WHERE id = @id')
        .run({ ...patch, id })
      return result.changes > 0
    },
    /** False when there is no such test. Runs started from it keep their record (test_id becomes null). */
    remove(id: string): boolean {
      return db.prepare('DELETE FROM tests WHERE id = ?').run(id).changes > 0
    },
  }
}

export type TestsRepo = ReturnType<typeof createTestsRepo>
