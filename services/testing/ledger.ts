import type { Hex } from 'viem'
import type { RunEventBus } from './events'
import { createInclusionWindow } from './inclusion-window'
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
  unconfirmed: number
}

export function emptyCounts(planned = 0): TxCounts {
  return {
    planned,
    signed: 0,
    submitted: 0,
    mined: 0,
    reverted: 0,
    failed: 0,
    dropped: 0,
    cancelled: 0,
    unconfirmed: 0,
  }
}

/** planned = terminalTotal at the end of every run: the invariant (docs/metrics.md#invariant). */
export function terminalTotal(c: TxCounts): number {
  return settledTotal(c) + c.cancelled
}

/** Txs that ended after being sent or tried (cancelled ones never were): what rates divide by. */
export function settledTotal(c: TxCounts): number {
  return c.mined + c.reverted + c.failed + c.dropped + c.unconfirmed
}

/** Every tx the node accepted at some point (mined, reverted, pending, dropped, unconfirmed). */
export function reachedNodeTotal(c: TxCounts): number {
  return c.mined + c.reverted + c.submitted + c.dropped + c.unconfirmed
}

/** Mined as a share of the settled txs (0–100), unrounded; null before any settled. */
export function successPctOf(c: TxCounts): number | null {
  const settled = settledTotal(c)
  return settled ? (c.mined / settled) * 100 : null
}

/** The invariant holds and nothing is left open. */
export function invariantHolds(c: TxCounts): boolean {
  return c.planned === terminalTotal(c) && c.signed === 0 && c.submitted === 0
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
export function createLedger(bus: RunEventBus, planned: number) {
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

  const bump = (r: TxRecord, state: TxState, delta: number) => {
    if (r.role !== 'planned' || state === 'planned') return
    counts[state] += delta
    if (state === 'signed' || state === 'submitted') {
      const key = r.from.toLowerCase()
      openBy.set(key, (openBy.get(key) ?? 0) + delta)
    }
  }
  const nonceUsed = (r: TxRecord) => r.state === 'mined' || r.state === 'reverted' || r.nonceUsed === true
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
    if ((r.state === 'mined' || r.state === 'reverted') && r.blockNumber !== undefined) included.add(r, r.blockNumber)
  }

  return {
    counts,
    byHash,
    /** Every open tx (planned and gap fills). */
    openRecords(): TxRecord[] {
      return [...open.values()]
    },
    /** Included txs a reorg could still reopen (inclusion-window.ts), oldest first. */
    recentlyIncluded(): TxRecord[] {
      return [...included.values()]
    },
    /** Gap fills made so far (their idx are -1, -2, …). */
    get gapFills() {
      return gapFills
    },
    /** Txs of this sender whose nonce the chain used: its `sent` in the report. */
    nonceUsedBy(address: string): number {
      return usedBy.get(address.toLowerCase()) ?? 0
    },
    /** Registers a signed transaction (first appearance of a record). */
    add(r: TxRecord) {
      if (r.role === 'gap-fill') gapFills++
      bump(r, r.state, 1)
      if (nonceUsed(r)) countUsed(r, 1)
      place(r)
      emit(r, 'planned')
    },
    /** Returns false (and changes nothing) when the record is already terminal. */
    move(r: TxRecord, state: TxState, patch: Partial<TxRecord> = {}): boolean {
      if (isTerminal(r.state)) return false
      const prev = r.state
      const used = nonceUsed(r)
      Object.assign(r, patch)
      if (prev !== state) {
        bump(r, prev, -1)
        r.state = state
        bump(r, state, 1)
      }
      if (nonceUsed(r) !== used) countUsed(r, used ? -1 : 1)
      place(r)
      emit(r, prev)
      return true
    },
    /**
     * A mined or reverted tx whose block left the chain (a reorg): open again, waiting for the
     * chain to include it anew. The only way out of a terminal state.
     */
    reopen(r: TxRecord) {
      if (r.state !== 'mined' && r.state !== 'reverted') return
      const prev = r.state
      bump(r, r.state, -1)
      if (!r.nonceUsed) countUsed(r, -1)
      r.state = 'submitted'
      r.blockNumber = undefined
      r.includedAt = undefined
      r.gasUsed = undefined
      r.effectiveGasPrice = undefined
      bump(r, 'submitted', 1)
      included.delete(r)
      place(r)
      if (r.hash) byHash.set(r.hash, r)
      emit(r, prev)
    },
    /** Adds what was learned after the fact (a decoded revert reason); the state stays. */
    annotate(r: TxRecord, patch: Pick<Partial<TxRecord>, 'error'>) {
      Object.assign(r, patch)
      emit(r, r.state)
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

export type Ledger = ReturnType<typeof createLedger>
