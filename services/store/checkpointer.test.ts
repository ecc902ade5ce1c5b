import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openSqlite } from './sqlite'

const dirs: string[] = []
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'evm-stress-ckpt-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true })
})
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** ~8 MB of rows: 2,000 pages, under the writer's own checkpoint threshold. */
function writeRows(db: ReturnType<typeof openSqlite>) {
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)')
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)')
  db.transaction(() => {
    for (let i = 0; i < 2_000; i++) insert.run('x'.repeat(4_000))
  })()
}

describe('the store checkpoints its WAL in a worker thread', () => {
  it('committed pages reach the database file although the writer never checkpoints them', async () => {
    const dir = freshDir()
    const db = openSqlite(dir)
    const file = join(dir, 'evm-stress.sqlite')
    const before = statSync(file).size
    writeRows(db)
    // The writer's thread only appended to the WAL; the worker copies it into the file.
    while (statSync(file).size < before + 8_000_000) await sleep(20)
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(2_000)
    db.close()
  })

  it('a close leaves no WAL behind, and everything committed reads back', () => {
    const dir = freshDir()
    const db = openSqlite(dir)
    writeRows(db)
    db.close()
    db.close() // a second close is harmless, as it is for SQLite
    expect(existsSync(join(dir, 'evm-stress.sqlite-wal'))).toBe(false)
    const again = openSqlite(dir)
    expect(again.prepare('SELECT COUNT(*) n FROM filler').get()).toEqual({ n: 2_000 })
    again.close()
  })

  it('many stores opened and closed in turn each let go of their files', () => {
    for (let i = 0; i < 20; i++) {
      const dir = freshDir()
      openSqlite(dir).close()
      expect(existsSync(join(dir, 'evm-stress.sqlite-wal'))).toBe(false)
    }
  })
})
