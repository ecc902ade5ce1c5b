import type { TxRow } from '@/services/live/frames'
import type { TxState } from '@/services/testing/tx'

/** What the tx log shows; an empty string or array = no filter on that field. */
export type TxFilter = {
  states: TxState[]
  /** Exact address, any letter case. */
  account: string
  /** Exact function/operation label. */
  label: string
  /** Exact error group (TxErrorKind). */
  errorKind: string
  /** Any-case substring of the hash, account, label or error message. */
  text: string
}

export const emptyFilter: TxFilter = { states: [], account: '', label: '', errorKind: '', text: '' }

export function isEmptyFilter(f: TxFilter): boolean {
  return !f.states.length && !f.account && !f.label && !f.errorKind && !f.text.trim()
}

const includes = (haystack: string | null, needle: string) => haystack?.toLowerCase().includes(needle) === true

/**
 * The filter as one predicate, its lowercasing and set done once: the tx log runs it over up to
 * 100,000 rows a few times a second. The same rules as GET /api/runs/:id/txs.
 */
export function compileFilter(f: TxFilter): (row: TxRow) => boolean {
  const states = f.states.length ? new Set<string>(f.states) : null
  const account = f.account.toLowerCase()
  const needle = f.text.trim().toLowerCase()
  return (row) =>
    (states === null || states.has(row.state)) &&
    (!account || row.account.toLowerCase() === account) &&
    (!f.label || row.label === f.label) &&
    (!f.errorKind || row.errorKind === f.errorKind) &&
    (!needle ||
      includes(row.hash, needle) ||
      includes(row.account, needle) ||
      includes(row.label, needle) ||
      includes(row.error, needle))
}

export function matchesFilter(row: TxRow, f: TxFilter): boolean {
  return compileFilter(f)(row)
}

/** The same filter as GET /api/runs/:id/txs parameters (services/store/tx-rows-query.ts), with a page. */
export function txRowsSearch(f: TxFilter, offset: number, limit: number): URLSearchParams {
  const q = new URLSearchParams()
  if (f.states.length) q.set('state', f.states.join(','))
  if (f.account) q.set('account', f.account)
  if (f.label) q.set('label', f.label)
  if (f.errorKind) q.set('errorKind', f.errorKind)
  if (f.text.trim()) q.set('q', f.text.trim())
  q.set('offset', String(offset))
  q.set('limit', String(limit))
  return q
}
