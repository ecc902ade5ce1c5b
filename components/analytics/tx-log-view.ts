import type { TxRow } from '@/services/live/frames'
import { type TxState, txStates } from '@/services/testing/tx'
import { compileFilter, isEmptyFilter, type TxFilter } from './tx-filter'

/** The filtered tx log at one moment: which rows match, and what the filter menus offer. */
export type TxLogView = {
  rows: readonly TxRow[]
  version: number
  filter: TxFilter
  /**
   * Matching rows: their position in `rows` then and their idx (to find them again if a row was
   * inserted before them since). null = no filter: every row, read live from `rows`.
   */
  positions: Int32Array | null
  idxs: Int32Array | null
  /** Values seen in the rows, sorted, for the filter menus. */
  accounts: string[]
  labels: string[]
  errorKinds: string[]
  stateCounts: Record<TxState, number>
}

/** One pass over the rows: the matches and the menus' values together. */
export function computeTxLogView(rows: readonly TxRow[], version: number, filter: TxFilter): TxLogView {
  const match = isEmptyFilter(filter) ? null : compileFilter(filter)
  const positions: number[] = []
  const accounts = new Set<string>()
  const labels = new Set<string>()
  const errorKinds = new Set<string>()
  const stateCounts = Object.fromEntries(txStates.map((s) => [s, 0])) as Record<TxState, number>
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    if (row.account) accounts.add(row.account)
    if (row.label) labels.add(row.label)
    if (row.errorKind) errorKinds.add(row.errorKind)
    stateCounts[row.state]++
    if (match?.(row)) positions.push(i)
  }
  return {
    rows,
    version,
    filter,
    positions: match ? Int32Array.from(positions) : null,
    idxs: match ? Int32Array.from(positions, (p) => rows[p]!.idx) : null,
    accounts: [...accounts].sort(),
    labels: [...labels].sort(),
    errorKinds: [...errorKinds].sort(),
    stateCounts,
  }
}

export function matchingCount(view: TxLogView, rows: readonly TxRow[]): number {
  return view.positions ? view.positions.length : rows.length
}

/**
 * The i-th row of the view, as it is now: rows are replaced in place as their state changes, so
 * the view's positions stay valid; a row inserted before them (a gap fill) shifts them, and the
 * idx finds the row again until the next recompute.
 */
export function rowAt(view: TxLogView, rows: readonly TxRow[], i: number): TxRow | undefined {
  if (!view.positions || !view.idxs) return rows[i]
  const idx = view.idxs[i]
  if (idx === undefined) return undefined
  const row = rows[view.positions[i]!]
  return row?.idx === idx ? row : findByIdx(rows, idx)
}

/** Rows are sorted by idx: binary search. */
export function findByIdx(rows: readonly TxRow[], idx: number): TxRow | undefined {
  let lo = 0
  let hi = rows.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const at = rows[mid]!.idx
    if (at === idx) return rows[mid]
    if (at < idx) lo = mid + 1
    else hi = mid - 1
  }
  return undefined
}
