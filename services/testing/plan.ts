import type { Address } from 'viem'
import type { PlannedTx } from './tx'

export type WorkSource = {
  next(): PlannedTx | undefined
  /**
   * The next tx this sender may send: its own, or (unless `ownOnly`) one with no fixed sender.
   */
  nextFor(from: Address, ownOnly?: boolean): PlannedTx | undefined
  /** A tx taken but not sendable now (its fixed sender is busy): first in line next time. */
  putBack(p: PlannedTx): void
  hasMore(): boolean
  /** No more txs will be planned (a load profile ended): what was taken is the plan. */
  close(): void
  readonly closed: boolean
  /** Everything not handed out yet (stop). */
  rest(): Generator<PlannedTx>
  readonly taken: number
}

/**
 * Hands out planned txs as schedulers ask for them, from a lazy plan: any next one, or the next
 * one for a given sender (a user's journey). What is pulled but not yet handed out waits here.
 */
export function createWorkSource(plan: Iterator<PlannedTx>): WorkSource {
  const waiting: PlannedTx[] = []
  let exhausted = false
  let closed = false
  let taken = 0

  const pull = (): PlannedTx | undefined => {
    if (exhausted || closed) return undefined
    const r = plan.next()
    if (r.done) {
      exhausted = true
      return undefined
    }
    return r.value
  }
  const hand = (p: PlannedTx | undefined) => {
    if (p) taken++
    return p
  }
  const fits = (p: PlannedTx, from: Address) => !p.from || p.from.toLowerCase() === from.toLowerCase()

  return {
    next(): PlannedTx | undefined {
      return hand(waiting.shift() ?? pull())
    },
    nextFor(from: Address, ownOnly = false): PlannedTx | undefined {
      const ok = (p: PlannedTx) => (ownOnly ? p.from !== undefined : true) && fits(p, from)
      const i = waiting.findIndex(ok)
      if (i !== -1) return hand(waiting.splice(i, 1)[0])
      for (let p = pull(); p; p = pull()) {
        if (ok(p)) return hand(p)
        waiting.push(p)
      }
      return undefined
    },
    putBack(p: PlannedTx) {
      taken--
      waiting.unshift(p)
    },
    hasMore(): boolean {
      if (waiting.length) return true
      const p = pull()
      if (p) waiting.push(p)
      return Boolean(p)
    },
    close() {
      closed = true
      waiting.length = 0
    },
    get closed() {
      return closed
    },
    *rest(): Generator<PlannedTx> {
      for (let p = this.next(); p; p = this.next()) yield p
    },
    get taken() {
      return taken
    },
  }
}
