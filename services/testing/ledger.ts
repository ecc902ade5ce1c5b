import type { Hex } from 'viem'
import { countTransition, emptyCounts, type TxCounts } from '../run-model/counts'
import type { RunEventBus } from './events'
import { createInclusionWindow } from './inclusion-window'
import { isIncluded, isTerminal, type TerminalState, type TxRecord, type TxState } from './tx'

export type Ledger = {
  counts: TxCounts
  byHash: Map<Hex, TxRecord>
  /** Every open tx (planned and gap fills). */
  openRecords(): TxRecord[]
  /** Included txs a reorg could still reopen (inclusion-window.ts), oldest first. */
  recentlyIncluded(): TxRecord[]
  /** Gap fills made so far (their idx are -1, -2, …). */
  readonly gapFills: number
  /** Txs of this sender whose nonce the chain used: its `sent` in the report. */
  nonceUsedBy(address: string): number
  /** Registers a record in its first state: signed, or cancelled before it ever was (never sent). */
  add(r: TxRecord, state: 'signed' | 'cancelled'): void
  /** Returns false (and changes nothing) when the record is already terminal. */
  move(r: TxRecord, state: TxState, patch?: Partial<TxRecord>): boolean
  /**
   * A mined or reverted tx whose block left the chain (a reorg): open again, waiting for the
   * chain to include it anew. The only way out of a terminal state.
   */
  reopen(r: TxRecord): void
  /**
   * The engine's own fields of a record, set as it signs, replaces or resends it: no state change
   * and no event (the next one carries them). The only other writer of a record is `move`.
   */
  update(r: TxRecord, patch: Partial<Pick<TxRecord, EngineFields>>): void
  /** An attempt goes out now: counted, and timed from here. */
  sending(r: TxRecord, at: number): void
  /** Adds what was learned after the fact (a decoded revert reason); the state stays. */
  annotate(r: TxRecord, patch: Pick<Partial<TxRecord>, 'error'>): void
  /** The plan ended early (a load profile ran out): what was taken is what was planned. */
  setPlanned(n: number): void
  openOf(address: string): number
  /** Txs accepted or waiting to be, that are not yet terminal. */
  openCount(): number
  terminal(r: TxRecord): r is TxRecord & { state: TerminalState }
}

/**
 * The one owner of transaction state. Every change goes through `move`, which refuses to leave a
 * terminal state: that is what makes "exactly one terminal state per planned tx" hold.
 *
 * Memory is O(in flight), not O(run): a tx that ends leaves it (the store's `txs` row, written from
 * its events, is its history), except an included one while a reorg could still take its block
 * away (`inclusion-window.ts`). What the end of the run needs of the others is counted here:
 * per-sender nonces used, gap fills (docs/architecture.md#memory).
 */
export function createLedger(bus: RunEventBus, planned: number): Ledger {
  /** Txs not yet terminal (planned and gap fills) by idx: gap fills have negative ones. */
  const open = new Map<number, TxRecord>()
  /** Hash → record for the open txs (the dispatcher adds hashes as it signs; the ledger prunes them). */
  const byHash = new Map<Hex, TxRecord>()
  const included = createInclusionWindow()
  const counts = emptyCounts(planned)
  let gapFills = 0
  /** Open (signed or submitted) txs per sender, for least-pending rotation and the accounts view. */
  const openBy = new Map<string, number>()
  /** Per sender: its txs whose nonce the chain used (included, or unconfirmed with the nonce used). */
  const usedBy = new Map<string, number>()

  /** The one counting rule (run-model/counts.ts), and the sender's open txs beside it. */
  const count = (r: TxRecord, prev: TxState, next: TxState) => {
    if (r.role !== 'planned') return
    countTransition(counts, prev, next)
    const key = r.from.toLowerCase()
    const open = (s: TxState) => (s === 'signed' || s === 'submitted' ? 1 : 0)
    const delta = open(next) - open(prev)
    if (delta) openBy.set(key, (openBy.get(key) ?? 0) + delta)
  }
  const nonceUsed = (r: TxRecord) => isIncluded(r.state) || r.nonceUsed === true
  const countUsed = (r: TxRecord, delta: number) => {
    const key = r.from.toLowerCase()
    // A sender that authorized itself in the tx used two nonces.
    const weight = r.authNonce === undefined ? 1 : 2
    usedBy.set(key, (usedBy.get(key) ?? 0) + delta * weight)
  }
  /** Where a record is held follows its state: open, in the reorg window, or nowhere. */
  const place = (r: TxRecord) => {
    if (!isTerminal(r.state)) {
      open.set(r.idx, r)
      return
    }
    open.delete(r.idx)
    if (r.hash && byHash.get(r.hash) === r) byHash.delete(r.hash)
    for (const h of r.replacement?.hashes.keys() ?? []) if (byHash.get(h) === r) byHash.delete(h)
    if (isIncluded(r.state) && r.blockNumber !== undefined) included.add(r, r.blockNumber)
  }

  return {
    counts,
    byHash,
    openRecords(): TxRecord[] {
      return [...open.values()]
    },
    recentlyIncluded(): TxRecord[] {
      return [...included.values()]
    },
    get gapFills() {
      return gapFills
    },
    nonceUsedBy(address: string): number {
      return usedBy.get(address.toLowerCase()) ?? 0
    },
    add(r: TxRecord, state: 'signed' | 'cancelled') {
      r.state = state
      if (state === 'cancelled') r.error = undefined
      if (r.role === 'gap-fill') gapFills++
      count(r, 'planned', r.state)
      if (nonceUsed(r)) countUsed(r, 1)
      place(r)
      emit(r, 'planned')
    },
    move(r: TxRecord, state: TxState, patch: Partial<TxRecord> = {}): boolean {
      if (isTerminal(r.state)) return false
      const prev = r.state
      const used = nonceUsed(r)
      Object.assign(r, patch)
      count(r, prev, state)
      r.state = state
      if (nonceUsed(r) !== used) countUsed(r, used ? -1 : 1)
      place(r)
      emit(r, prev)
      return true
    },
    reopen(r: TxRecord) {
      if (r.state !== 'mined' && r.state !== 'reverted') return
      const prev = r.state
      count(r, r.state, 'submitted')
      if (!r.nonceUsed) countUsed(r, -1)
      r.state = 'submitted'
      r.blockNumber = undefined
      r.includedAt = undefined
      r.gasUsed = undefined
      r.effectiveGasPrice = undefined
      included.delete(r)
      place(r)
      if (r.hash) byHash.set(r.hash, r)
      emit(r, prev)
    },
    update(r: TxRecord, patch: Partial<Pick<TxRecord, EngineFields>>) {
      Object.assign(r, patch)
    },
    sending(r: TxRecord, at: number) {
      r.attempts++
      r.submittedAt = at
    },
    annotate(r: TxRecord, patch: Pick<Partial<TxRecord>, 'error'>) {
      Object.assign(r, patch)
      emit(r, r.state)
    },
    setPlanned(n: number) {
      counts.planned = n
    },
    openOf(address: string): number {
      return openBy.get(address.toLowerCase()) ?? 0
    },
    openCount() {
      return counts.signed + counts.submitted
    },
    terminal(r: TxRecord): r is TxRecord & { state: TerminalState } {
      return isTerminal(r.state)
    },
  }

  function emit(r: TxRecord, prev: TxState) {
    bus.emit('event', {
      type: 'tx',
      at: Date.now(),
      idx: r.idx,
      state: r.state,
      prev,
      role: r.role,
      label: r.label,
      from: r.from,
      nonce: r.nonce,
      hash: r.hash,
      gas: r.gas,
      ...(r.txType && { txType: r.txType }),
      attempt: r.attempts,
      blockNumber: r.blockNumber,
      gasUsed: r.gasUsed,
      ...(r.receiptType !== undefined && { receiptType: r.receiptType }),
      ...(r.blobGasUsed !== undefined && { blobGasUsed: r.blobGasUsed, blobGasPrice: r.blobGasPrice }),
      submittedAt: r.state === 'signed' ? undefined : r.submittedAt,
      latencyMs: r.includedAt !== undefined && r.submittedAt !== undefined ? r.includedAt - r.submittedAt : undefined,
      submitRttMs: r.submitRttMs,
      error: r.error,
    })
  }
}

/** What the engine sets on a record between state changes (`Ledger.update`). */
type EngineFields = 'nonce' | 'authNonce' | 'hash' | 'raw' | 'signedAt' | 'gas' | 'stale' | 'replacement'
