import type { Address } from 'viem'
import { retryTransient } from '../chain/connection'
import { classifyError } from '../errors/classify'
import type { RunContext } from './run-context'
import type { TxRecord } from './tx'

/** Tries per resend while the node or the way to it fails (429, 5xx, a cut answer). */
const resendRetries = 5

/**
 * Sends a tx's signed bytes again; true when the node holds it (now, or already). A transient
 * failure is tried again: the same bytes cannot be taken twice.
 */
async function resendInPlace(ctx: RunContext, r: TxRecord): Promise<boolean> {
  try {
    await retryTransient(() => ctx.gate.shared(() => ctx.router.resend(r)), resendRetries)
    return true
  } catch (error) {
    const kind = classifyError(error).kind
    return kind === 'already-known' || kind === 'nonce-too-low'
  }
}

/**
 * Sends one account's txs again in nonce order, stopping at the first the node does not take:
 * sent over a missing nonce, the later ones would only queue, on Anvil for good
 * (docs/anvil.md#nonce-gap-queued-forever).
 */
export async function resendInNonceOrder(ctx: RunContext, records: TxRecord[]): Promise<void> {
  for (const r of [...records].sort((a, b) => (a.nonce ?? 0) - (b.nonce ?? 0)))
    if (!(await resendInPlace(ctx, r))) return
}

/** Txs grouped by sender, in the order met: each account's resends go in its own nonce order. */
export function byAccount(records: Iterable<TxRecord>): Map<Address, TxRecord[]> {
  const groups = new Map<Address, TxRecord[]>()
  for (const r of records) {
    const list = groups.get(r.from)
    if (list) list.push(r)
    else groups.set(r.from, [r])
  }
  return groups
}
