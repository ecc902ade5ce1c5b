import { randomUUID } from 'node:crypto'
import { publicConfig } from '../config/parse'
import type { TestConfigInput } from '../config/schema'
import { ConfigError, NotFoundError } from '../errors/base'
import type { Db } from '../store/db'
import { createSavedTestsRepo, type SavedTestRow } from '../store/saved-tests-repo'
import { checkConfig } from './check-config'

/** A named test configuration, as the API returns it: the public config (no mnemonic, no keys). */
export type SavedTest = {
  id: string
  name: string
  config: TestConfigInput
  createdAt: number
  updatedAt: number
}

const nameMax = 120

function toSaved(row: SavedTestRow): SavedTest {
  return {
    id: row.id,
    name: row.name,
    config: JSON.parse(row.config_json) as TestConfigInput,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/**
 * A config worth saving: valid by the schema, named, and — for custom calls — with an ABI, a
 * function and arguments that compile (what can be checked without a node). Secrets are dropped.
 */
function checkedConfig(input: unknown): { name: string; config: TestConfigInput } {
  const config = checkConfig(input)
  if (!config.name)
    throw new ConfigError([{ field: 'name', message: 'is required to save a test' }], {
      hint: 'Give the test a name; runs started from it are listed under that name.',
    })
  return { name: config.name, config: publicConfig(config) }
}

/** "Load test (copy)", "Load test (copy 2)", … whichever is free. */
function copyName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '')
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`
    const candidate = `${base.slice(0, nameMax - suffix.length)}${suffix}`
    if (!taken.has(candidate)) return candidate
  }
}

/** Saved tests, with their rules (createSavedTests). A test that is not there → NotFoundError. */
export type SavedTests = {
  /** Every saved test, the most recently updated first. */
  list(): SavedTest[]
  get(id: string): SavedTest
  /** Saves a new test; a config that is invalid or has no name → ConfigError. */
  create(input: unknown): SavedTest
  /** Replaces the test's name and config, checked as in `create`. */
  update(id: string, input: unknown): SavedTest
  /** Runs started from the test keep their record. */
  remove(id: string): { id: string; deleted: true }
  /** A copy of the test, named "… (copy)", "… (copy 2)", … whichever is free. */
  duplicate(id: string): SavedTest
}

/** Saved tests: create, read, update, delete, duplicate. Starting a run from one is POST /api/runs with its config. */
export function createSavedTests(db: Db, now: () => number = Date.now): SavedTests {
  const repo = createSavedTestsRepo(db)
  const rowOf = (id: string) => {
    const row = repo.get(id)
    if (!row) throw new NotFoundError(`No saved test with id ${id}`, { hint: 'List saved tests with GET /api/tests.' })
    return row
  }
  return {
    list(): SavedTest[] {
      return repo.list().map(toSaved)
    },
    get(id: string): SavedTest {
      return toSaved(rowOf(id))
    },
    create(input: unknown): SavedTest {
      const { name, config } = checkedConfig(input)
      const at = now()
      const row: SavedTestRow = {
        id: randomUUID(),
        name,
        config_json: JSON.stringify(config),
        created_at: at,
        updated_at: at,
      }
      repo.insert(row)
      return toSaved(row)
    },
    update(id: string, input: unknown): SavedTest {
      rowOf(id)
      const { name, config } = checkedConfig(input)
      repo.update(id, { name, config_json: JSON.stringify(config), updated_at: now() })
      return toSaved(rowOf(id))
    },
    remove(id: string): { id: string; deleted: true } {
      if (!repo.remove(id)) rowOf(id)
      return { id, deleted: true }
    },
    duplicate(id: string): SavedTest {
      const source = toSaved(rowOf(id))
      const name = copyName(source.name, new Set(repo.list().map((r) => r.name)))
      const at = now()
      const row: SavedTestRow = {
        id: randomUUID(),
        name,
        config_json: JSON.stringify({ ...source.config, name }),
        created_at: at,
        updated_at: at,
      }
      repo.insert(row)
      return toSaved(row)
    },
  }
}
