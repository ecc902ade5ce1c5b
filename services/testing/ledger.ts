import type { RunEventBus } from './events'
import { isTerminal, type TerminalState, type TxRecord, type TxState } from './tx'

export type TxCounts = {
  planned: number
  /** Not yet terminal: signed and waiting to be sent or retried. */
  signed: number
  /** Not yet terminal: accepted by the node, waiting for inclusion. */
  submitted: number
  mined: number
  reverted: number
  failed: number
  dropped: number
  cancelled: number
}

export function emptyCounts(planned = 0): TxCounts {
  return { planned, signed: 0, submitted: 0, mined: 0, reverted: 0, failed: 0, dropped: 0, cancelled: 0 }
}

export function terminalTotal(c: TxCounts): number {
  return c.mined + c.reverted + c.failed + c.dropped + c.cancelled
}

/**
 * The one owner of transaction state. Every change goes through `move`, which refuses to leave a
 * terminal state: that is what makes "exactly one terminal state per planned tx" hold.
 */
export function createLedger(bus: RunEventBus, planned: number) {
  const records = new Map<number, TxRecord>()
  const counts = emptyCounts(planned)
  const fillers: TxRecord[] = []
  /** Open (signed or submitted) txs per sender, for least-pending rotation and the accounts view. */
  const openBy = new Map<string, number>()

  const bump = (r: TxRecord, state: TxState, delta: number) => {
    if (r.role !== 'planned' || state === 'planned') return
    counts[state] += delta
    if (state === 'signed' || state === 'submitted') {
      const key = r.from.toLowerCase()
      openBy.set(key, (openBy.get(key) ?? 0) + delta)
    }
  }

  return {
    counts,
    records,
    fillers,
    get(idx: number) {
      return records.get(idx)
    },
    /** Registers a signed transaction (first appearance of a record). */
    add(r: TxRecord) {
      if (r.role === 'planned') records.set(r.idx, r)
      else fillers.push(r)
      bump(r, r.state, 1)
      emit(r)
    },
    /** Returns false (and changes nothing) when the record is already terminal. */
    move(r: TxRecord, state: TxState, patch: Partial<TxRecord> = {}): boolean {
      if (isTerminal(r.state)) return false
      const same = r.state === state
      Object.assign(r, patch)
      if (!same) {
        bump(r, r.state, -1)
        r.state = state
        bump(r, state, 1)
      }
      emit(r)
      return true
    },
    /** Adds what was learned after the fact (a decoded revert reason); the state stays. */
    annotate(r: TxRecord, patch: Pick<Partial<TxRecord>, 'error'>) {
      Object.assign(r, patch)
      emit(r)
    },
    /** The plan ended early (a load profile ran out): what was taken is what was planned. */
    setPlanned(n: number) {
      counts.planned = n
    },
    openOf(address: string): number {
      return openBy.get(address.toLowerCase()) ?? 0
    },
    /** Txs accepted or waiting to be, that are not yet terminal. */
    openCount() {
      return counts.signed + counts.submitted
    },
    terminal(r: TxRecord): r is TxRecord & { state: TerminalState } {
      return isTerminal(r.state)
    },
  }

  function emit(r: TxRecord) {
    bus.emit('event', {
      type: 'tx',
      at: Date.now(),
      idx: r.idx,
      state: r.state,
      role: r.role,
      label: r.label,
      from: r.from,
      nonce: r.nonce,
      hash: r.hash,
      attempt: r.attempts,
      blockNumber: r.blockNumber,
      gasUsed: r.gasUsed,
      submittedAt: r.state === 'signed' ? undefined : r.submittedAt,
      latencyMs: r.includedAt !== undefined && r.submittedAt !== undefined ? r.includedAt - r.submittedAt : undefined,
      submitRttMs: r.submitRttMs,
      error: r.error,
    })
  }
}

export type Ledger = ReturnType<typeof createLedger>
