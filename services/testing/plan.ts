import type { TestConfig } from '../config/schema'
import type { PlannedTx } from './tx'

/** The default workload: ETH transfers; the scenarios issue adds others behind the same shape. */
export function* planTransfers(config: TestConfig): Generator<PlannedTx> {
  const to = config.to as `0x${string}` | undefined
  for (let idx = 0; idx < config.txs; idx++) yield { idx, to, value: config.value, label: 'transfer' }
}

/** Hands out planned txs one at a time and remembers how far it got. */
export function createWorkSource(plan: Iterator<PlannedTx>) {
  let taken = 0
  let done = false
  let peeked: PlannedTx | undefined
  return {
    next(): PlannedTx | undefined {
      if (peeked) {
        const p = peeked
        peeked = undefined
        taken++
        return p
      }
      if (done) return undefined
      const r = plan.next()
      if (r.done) {
        done = true
        return undefined
      }
      taken++
      return r.value
    },
    hasMore(): boolean {
      if (peeked) return true
      if (done) return false
      const r = plan.next()
      if (r.done) {
        done = true
        return false
      }
      peeked = r.value
      return true
    },
    /** Everything not handed out yet (stop). */
    *rest(): Generator<PlannedTx> {
      let p = this.next()
      while (p) {
        yield p
        p = this.next()
      }
    },
    get taken() {
      return taken
    },
  }
}

export type WorkSource = ReturnType<typeof createWorkSource>
