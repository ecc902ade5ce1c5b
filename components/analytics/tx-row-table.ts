import type { TxRow } from '@/services/live/frames'
import { isTerminal } from '@/services/testing/tx'

/**
 * Rows the page holds: past this the oldest ended ones are let go (a tenth at a time, so the
 * O(n) re-index is rare); the tx log pages them from the store (GET /api/runs/:id/txs).
 */
export const maxHeldRows = 50_000

/**
 * The tx log's rows, sorted by idx, with idx → position so an update is O(1). Rows normally
 * arrive in increasing idx (appended); an older idx (a gap fill has a negative one) is inserted
 * in place, which re-indexes the rows after it: rare, so O(n) there is fine.
 */
export class TxRowTable {
  readonly rows: TxRow[] = []
  private readonly positions = new Map<number, number>()
  /** Rows let go to stay within `maxRows`: they are in the store only. */
  released = 0

  constructor(private readonly maxRows = maxHeldRows) {}

  get size(): number {
    return this.rows.length
  }

  get(idx: number): TxRow | undefined {
    const at = this.positions.get(idx)
    return at === undefined ? undefined : this.rows[at]
  }

  /** Replaces the rows it knows, adds the others; row objects are replaced, never mutated (memo-friendly). */
  upsert(rows: readonly TxRow[]): void {
    for (const row of rows) {
      const at = this.positions.get(row.idx)
      if (at !== undefined) this.rows[at] = row
      else this.add(row)
    }
    if (this.rows.length > this.maxRows) this.release(this.rows.length - this.maxRows + Math.ceil(this.maxRows / 10))
  }

  private add(row: TxRow): void {
    const last = this.rows[this.rows.length - 1]
    if (!last || row.idx > last.idx) {
      this.positions.set(row.idx, this.rows.length)
      this.rows.push(row)
      return
    }
    const at = this.insertionPoint(row.idx)
    this.rows.splice(at, 0, row)
    for (let i = at; i < this.rows.length; i++) this.positions.set(this.rows[i]!.idx, i)
  }

  /** Lets go of up to `n` ended rows, lowest idx first (open ones stay: they still change). In place. */
  private release(n: number): void {
    let kept = 0
    let dropped = 0
    for (const row of this.rows) {
      if (dropped < n && isTerminal(row.state)) {
        this.positions.delete(row.idx)
        dropped++
        continue
      }
      this.rows[kept] = row
      this.positions.set(row.idx, kept++)
    }
    this.rows.length = kept
    this.released += dropped
  }

  /** The first position whose idx is greater than `idx` (binary search). */
  private insertionPoint(idx: number): number {
    let lo = 0
    let hi = this.rows.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.rows[mid]!.idx < idx) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
