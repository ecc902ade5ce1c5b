import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, NotFoundError } from '../errors/base'
import { type Db, openDb } from '../store/db'
import { createSavedTests } from './saved-tests'

describe('saved tests', () => {
  let dir: string
  let db: Db
  let clock = 1_000
  const tests = () => createSavedTests(db, () => clock++)

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'saved-tests-'))
    db = openDb(dir)
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('stores the checked config without secrets, and lists the latest change first', () => {
    const a = tests().create({
      name: 'a',
      txs: 5,
      mnemonic: 'test test test test test test test test test test test junk',
      privateKeys: [`0x${'ab'.repeat(32)}`],
    })
    const b = tests().create({ name: 'b', mode: 'sequential' })
    expect(JSON.stringify(tests().get(a.id))).not.toMatch(/junk|abab/)
    expect(tests().get(a.id).config).toMatchObject({ name: 'a', txs: 5, accounts: 10 })
    expect(
      tests()
        .list()
        .map((t) => t.name),
    ).toEqual(['b', 'a'])
    tests().update(a.id, { ...a.config, txs: 6 })
    expect(
      tests()
        .list()
        .map((t) => t.name),
    ).toEqual(['a', 'b'])
    expect(tests().get(a.id).config.txs).toBe(6)
    expect(tests().get(b.id).updatedAt).toBeLessThan(tests().get(a.id).updatedAt)
  })

  it('refuses a test without a name, a bad config and a custom call that does not compile', () => {
    const fields = (input: unknown) => {
      try {
        tests().create(input)
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError)
        return (e as ConfigError).issues.map((i) => i.field)
      }
      throw new Error('expected a ConfigError')
    }
    expect(fields({ txs: 5 })).toEqual(['name'])
    expect(fields({ name: 'x', txs: 0 })).toEqual(['txs'])
    expect(
      fields({
        name: 'x',
        scenario: { name: 'custom-call', target: { builtin: 'Counter' }, function: 'incrementBy', args: ['-1'] },
      }),
    ).toEqual(['scenario.args[0].value'])
  })

  it('duplicates under the next free copy name; unknown ids are NotFound', () => {
    const a = tests().create({ name: 'load' })
    expect(tests().duplicate(a.id).name).toBe('load (copy)')
    const second = tests().duplicate(a.id)
    expect(second.name).toBe('load (copy 2)')
    expect(second.config.name).toBe('load (copy 2)')
    expect(tests().duplicate(second.id).name).toBe('load (copy 3)')
    tests().remove(a.id)
    expect(() => tests().get(a.id)).toThrow(NotFoundError)
    expect(() => tests().remove(a.id)).toThrow(NotFoundError)
    expect(() => tests().update('nope', { name: 'n' })).toThrow(NotFoundError)
  })
})
