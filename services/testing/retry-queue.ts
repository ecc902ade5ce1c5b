import type { TxRecord } from './tx'

export type RetryEntry = { record: TxRecord; dueAt: number; resign: boolean }

export type RetryQueue = {
  add(entry: RetryEntry): void
  /** Removes and returns the entries that are due now. */
  takeDue(now?: number, max?: number): RetryEntry[]
  /** Removes and returns everything (stop). */
  drain(): RetryEntry[]
  nextDueAt(): number | undefined
  readonly size: number
}

/** Transactions waiting out a backoff before their next attempt. */
export function createRetryQueue(): RetryQueue {
  const entries: RetryEntry[] = []
  return {
    add(entry: RetryEntry) {
      entries.push(entry)
    },
    takeDue(now = Date.now(), max = Number.POSITIVE_INFINITY): RetryEntry[] {
      const due: RetryEntry[] = []
      for (let i = 0; i < entries.length && due.length < max; ) {
        const e = entries[i] as RetryEntry
        if (e.dueAt <= now) {
          due.push(e)
          entries.splice(i, 1)
        } else i++
      }
      return due
    },
    drain(): RetryEntry[] {
      return entries.splice(0)
    },
    nextDueAt(): number | undefined {
      let min: number | undefined
      for (const e of entries) if (min === undefined || e.dueAt < min) min = e.dueAt
      return min
    },
    get size() {
      return entries.length
    },
  }
}

/** Exponential backoff with jitter: 200 ms, 400 ms, … capped at 5 s. */
export function backoffMs(attempt: number): number {
  const base = Math.min(5_000, 200 * 2 ** Math.max(0, attempt - 1))
  return Math.round(base * (0.5 + Math.random() / 2))
}
