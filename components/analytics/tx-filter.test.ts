import { describe, expect, test } from 'vitest'
import type { TxRow } from '@/services/live/frames'
import { emptyFilter, isEmptyFilter, matchesFilter, type TxFilter, txRowsSearch } from './tx-filter'
import { computeTxLogView, findByIdx, matchingCount, rowAt } from './tx-log-view'

const alice = '0xAaAa000000000000000000000000000000000001'
const bob = '0xBbBb000000000000000000000000000000000002'

const row = (idx: number, patch: Partial<TxRow> = {}): TxRow => ({
  idx,
  role: 'planned',
  label: 'transfer',
  account: alice,
  nonce: idx,
  hash: `0x${idx.toString(16).padStart(4, '0')}deadBEEF${'0'.repeat(52)}`,
  state: 'mined',
  attempts: 1,
  submittedAt: 1,
  includedAt: 2,
  block: 1,
  gasUsed: 21_000,
  txType: null,
  latencyMs: 10,
  errorKind: null,
  error: null,
  updatedAt: 2,
  ...patch,
})

const f = (patch: Partial<TxFilter>): TxFilter => ({ ...emptyFilter, ...patch })

describe('matchesFilter', () => {
  const reverted = row(1, {
    state: 'reverted',
    label: 'maybeRevert(uint256,uint256)',
    errorKind: 'reverted',
    error: 'Execution reverted: unlucky',
  })
  const unsent = row(2, { account: bob, hash: null, state: 'failed', errorKind: 'insufficient-funds', error: 'Out' })

  test('the empty filter matches everything', () => {
    expect(isEmptyFilter(emptyFilter)).toBe(true)
    expect(isEmptyFilter(f({ text: '   ' }))).toBe(true)
    for (const r of [row(0), reverted, unsent]) expect(matchesFilter(r, emptyFilter)).toBe(true)
  })

  test('states: any of those chosen', () => {
    expect(matchesFilter(reverted, f({ states: ['reverted'] }))).toBe(true)
    expect(matchesFilter(reverted, f({ states: ['mined', 'failed'] }))).toBe(false)
    expect(matchesFilter(unsent, f({ states: ['mined', 'failed'] }))).toBe(true)
  })

  test('account: exact, any letter case', () => {
    expect(matchesFilter(row(0), f({ account: alice.toLowerCase() }))).toBe(true)
    expect(matchesFilter(row(0), f({ account: bob }))).toBe(false)
    expect(matchesFilter(row(0), f({ account: alice.slice(0, 10) }))).toBe(false)
  })

  test('label and error group: exact', () => {
    expect(matchesFilter(reverted, f({ label: 'maybeRevert(uint256,uint256)' }))).toBe(true)
    expect(matchesFilter(reverted, f({ label: 'maybeRevert' }))).toBe(false)
    expect(matchesFilter(reverted, f({ errorKind: 'reverted' }))).toBe(true)
    expect(matchesFilter(row(0), f({ errorKind: 'reverted' }))).toBe(false)
  })

  test('text: any-case substring of hash, account, label or error message', () => {
    expect(matchesFilter(row(0), f({ text: '0x0000DEADbeef' }))).toBe(true) // hash prefix
    expect(matchesFilter(row(0), f({ text: 'deadbeef' }))).toBe(true) // hash substring
    expect(matchesFilter(row(0), f({ text: 'aaaa0000' }))).toBe(true) // account
    expect(matchesFilter(reverted, f({ text: 'MAYBE' }))).toBe(true) // label
    expect(matchesFilter(reverted, f({ text: ' unlucky ' }))).toBe(true) // error, trimmed
    expect(matchesFilter(unsent, f({ text: 'deadbeef' }))).toBe(false) // no hash
    expect(matchesFilter(row(0), f({ text: 'unlucky' }))).toBe(false)
  })

  test('fields combine with AND', () => {
    expect(matchesFilter(reverted, f({ states: ['reverted'], account: alice, text: 'unlucky' }))).toBe(true)
    expect(matchesFilter(reverted, f({ states: ['reverted'], account: bob, text: 'unlucky' }))).toBe(false)
  })
})

describe('the tx log view', () => {
  const rows = [
    row(-1, { role: 'gap-fill', label: 'nonce gap fill' }),
    row(0),
    row(1, { state: 'reverted', errorKind: 'reverted', error: 'unlucky', account: bob }),
    row(2, { state: 'submitted' }),
  ]

  test('no filter: every row, read live; menus list what the rows hold', () => {
    const view = computeTxLogView(rows, 1, emptyFilter)
    expect(view.positions).toBeNull()
    expect(matchingCount(view, rows)).toBe(4)
    expect(view.accounts).toEqual([alice, bob])
    expect(view.labels).toEqual(['nonce gap fill', 'transfer'])
    expect(view.errorKinds).toEqual(['reverted'])
    expect(view.stateCounts).toMatchObject({ mined: 2, reverted: 1, submitted: 1, failed: 0 })
    expect(rowAt(view, rows, 2)?.idx).toBe(1)
  })

  test('a filter: the matching rows in idx order', () => {
    const view = computeTxLogView(rows, 1, f({ states: ['mined', 'submitted'] }))
    expect(matchingCount(view, rows)).toBe(3)
    expect([0, 1, 2].map((i) => rowAt(view, rows, i)?.idx)).toEqual([-1, 0, 2])
    expect(rowAt(view, rows, 3)).toBeUndefined()
  })

  test('a row replaced in place shows its new state; an inserted row does not shift the matches', () => {
    const live = [...rows]
    const view = computeTxLogView(live, 1, f({ account: alice }))
    live[1] = { ...live[1]!, state: 'failed' }
    expect(rowAt(view, live, 1)?.state).toBe('failed')
    live.unshift(row(-2, { role: 'gap-fill' }))
    expect([0, 1, 2].map((i) => rowAt(view, live, i)?.idx)).toEqual([-1, 0, 2])
  })

  test('findByIdx: binary search over sorted rows', () => {
    expect(findByIdx(rows, 2)?.state).toBe('submitted')
    expect(findByIdx(rows, -1)?.role).toBe('gap-fill')
    expect(findByIdx(rows, 7)).toBeUndefined()
    expect(findByIdx([], 0)).toBeUndefined()
  })

  test('100,000 rows filter well within the 250 ms between recomputes', () => {
    const many = Array.from({ length: 100_000 }, (_, i) =>
      row(i, { state: i % 10 === 0 ? 'failed' : 'mined', account: i % 2 ? alice : bob }),
    )
    const started = performance.now()
    const view = computeTxLogView(many, 1, f({ states: ['failed'], text: 'beef' }))
    const ms = performance.now() - started
    expect(matchingCount(view, many)).toBe(10_000)
    expect(ms).toBeLessThan(250)
  })
})

describe('the filter as GET /api/runs/:id/txs parameters', () => {
  test('names every set field the way the API parses it, with the page', () => {
    expect(txRowsSearch(emptyFilter, 0, 100).toString()).toBe('offset=0&limit=100')
    const q = txRowsSearch(
      { states: ['failed', 'dropped'], account: '0xAb', label: 'mint()', errorKind: 'reverted', text: ' 0xdead ' },
      200,
      100,
    )
    expect(Object.fromEntries(q)).toEqual({
      state: 'failed,dropped',
      account: '0xAb',
      label: 'mint()',
      errorKind: 'reverted',
      q: '0xdead',
      offset: '200',
      limit: '100',
    })
  })
})
