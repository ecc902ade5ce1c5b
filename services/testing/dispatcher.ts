import { type Address, type Hex, toHex } from 'viem'
import { transientKinds } from '../chain/connection'
import { signTx } from '../chain/signer'
import { classifyError } from '../errors/classify'
import type { TxError } from '../errors/tx-error'
import { createNotifier } from './notifier'
import type { Submission } from './request-for'
import { backoffMs } from './retry-queue'
import type { RunContext } from './run-context'
import type { PlannedTx, TxRecord } from './tx'
import { emitTxError } from './tx-error-event'

const transferGas = 21_000n

export type Dispatcher = {
  recordFor: (planned: PlannedTx, from: Address, role?: TxRecord['role']) => TxRecord
  /**
   * Takes a nonce if the record has none and signs; the hash is watched before any send. A
   * node-signed sender's tx gets its hash from the node's answer instead.
   */
  sign: (r: TxRecord) => Promise<void>
  /**
   * One JSON-RPC batch (http) of raw transactions; every result is handled before it returns.
   * `poke`: read blocks at once after (where the node mines on arrival), unless the caller reads
   * the receipt itself.
   */
  send: (records: TxRecord[], options?: { poke?: boolean }) => Promise<void>
  /** Resolves once every send that has started is answered (a pause is said only then). */
  whenNoSendOutstanding: () => Promise<void>
  /** Takes the retries that are due (up to max), re-signed where their nonce changed; the caller sends them. */
  takeDueRetries: (max: number) => Promise<TxRecord[]>
  /** A tx that was never sent, taken back: its nonce is free again. */
  cancel: (r: TxRecord) => void
  isKnown: (hash: Hex | undefined) => Promise<boolean>
  isBusy: (address: Address) => boolean
}

/**
 * Signs and sends transactions and decides what each failure means for the tx and its nonce.
 * Schedulers decide *when* to send; this decides *what happens* to what was sent.
 */
export function createDispatcher(ctx: RunContext): Dispatcher {
  /** Sends on their way to the node (past the pause gate, not yet answered). */
  let outstanding = 0
  const answered = createNotifier()
  const busy = (from: Address, delta: number) => {
    const k = from.toLowerCase()
    ctx.sending.set(k, (ctx.sending.get(k) ?? 0) + delta)
  }

  function recordFor(planned: PlannedTx, from: Address, role: TxRecord['role'] = 'planned'): TxRecord {
    const to = planned.to ?? nextSender(from)
    // Gap fills are plain transfers whatever the plan's types.
    const txType = role === 'planned' ? ctx.kinds.typeOf(planned.idx, from) : undefined
    return {
      idx: planned.idx,
      label: planned.label,
      from,
      to,
      value: planned.value,
      data: planned.encode ? planned.encode(from) : planned.data,
      gas: (ctx.config.gasLimit ?? planned.gas ?? transferGas) + ctx.kinds.extraGas(txType),
      ...(txType && { txType }),
      state: 'planned',
      nonce: undefined,
      hash: undefined,
      raw: undefined,
      attempts: 0,
      role,
    }
  }

  function nextSender(from: Address): Address {
    const i = ctx.senders.findIndex((a) => a.toLowerCase() === from.toLowerCase())
    return ctx.senders[(i + 1) % ctx.senders.length] ?? from
  }

  async function sign(r: TxRecord): Promise<void> {
    const sender = ctx.signers.get(r.from.toLowerCase())
    if (!sender) throw new Error(`unknown sender ${r.from}`)
    const nonce = r.nonce ?? takeNonce(r)
    if (r.hash) {
      ctx.tracker.unwatch(r.hash)
      ctx.byHash.delete(r.hash)
      ctx.ledger.update(r, { hash: undefined })
    }
    if (sender.kind === 'local') {
      // First: a generated access list can raise the gas limit.
      const { gas, ...fields } = await ctx.kinds.fieldsOf(r, ctx.node.chainId, sender.privateKey)
      if (gas !== undefined) ctx.ledger.update(r, { gas })
      const { raw, hash } = await signTx(
        sender.privateKey,
        {
          chainId: ctx.node.chainId,
          nonce,
          to: r.to,
          value: r.value,
          data: r.data,
          gas: r.gas,
          fees: ctx.fees.get(),
          ...fields,
        },
        ctx.signDigest,
      )
      watch(r, hash)
      ctx.ledger.update(r, { raw, signedAt: Date.now() })
    } else ctx.ledger.update(r, { signedAt: Date.now() })
    if (r.state === 'planned') ctx.ledger.add(r, 'signed')
    else ctx.ledger.move(r, 'signed')
  }

  /** A nonce for a record that has none (two for a tx that authorizes its own sender). */
  function takeNonce(r: TxRecord): number {
    if (ctx.kinds.selfAuthorizes(r)) {
      const [nonce, authNonce] = ctx.nonces.takePair(r.from)
      ctx.ledger.update(r, { nonce, authNonce })
      return nonce
    }
    const nonce = ctx.nonces.take(r.from)
    ctx.ledger.update(r, { nonce })
    return nonce
  }

  function watch(r: TxRecord, hash: Hex) {
    ctx.ledger.update(r, { hash })
    ctx.byHash.set(hash, r)
    ctx.tracker.watch(hash)
  }

  /** The request that submits a record: a raw tx, or (node-signed) the tx fields. */
  function submission(r: TxRecord): Submission {
    if (r.raw) return ['eth_sendRawTransaction', [r.raw]]
    const f = ctx.fees.get()
    // The node signs: legacy and EIP-2930 (with an empty access list) by their type, else EIP-1559.
    const priced = r.txType === 'legacy' || r.txType === 'eip2930' || f.type === 'legacy'
    const fees = priced
      ? {
          gasPrice: toHex(f.type === 'eip1559' ? f.maxFeePerGas : f.gasPrice),
          ...(r.txType === 'eip2930' ? ({ type: '0x1', accessList: [] } as const) : ({ type: '0x0' } as const)),
        }
      : { maxFeePerGas: toHex(f.maxFeePerGas), maxPriorityFeePerGas: toHex(f.maxPriorityFeePerGas) }
    const tx = {
      from: r.from,
      to: r.to,
      value: toHex(r.value),
      data: r.data,
      gas: toHex(r.gas),
      nonce: toHex(r.nonce ?? 0),
    }
    return ['eth_sendTransaction', [{ ...tx, ...fees }]]
  }

  async function send(records: TxRecord[], { poke = true }: { poke?: boolean } = {}): Promise<void> {
    if (!records.length) return
    // Paused means no new send starts: one signed before the pause waits here for the resume. A
    // write-ahead that waits (a distributed run's worker) may see a pause begin: it is looked at again.
    do {
      if (ctx.control.userPaused) await ctx.control.untilUnpaused()
      await ctx.beforeSend()
    } while (ctx.control.userPaused && !ctx.control.stopping)
    const sentAt = Date.now()
    for (const r of records) {
      ctx.ledger.sending(r, sentAt)
      busy(r.from, 1)
    }
    outstanding++
    const results = await ctx.gate
      .shared(() => ctx.router.submitAll(records, submission))
      .finally(() => {
        outstanding--
        answered.notify()
      })
    const rtt = Date.now() - sentAt
    await Promise.all(
      records.map(async (r, i) => {
        const result = results[i] as PromiseSettledResult<unknown>
        try {
          if (result.status === 'fulfilled') {
            if (!r.raw && typeof result.value === 'string') watch(r, result.value as Hex)
            ctx.ledger.move(r, 'submitted', { submitRttMs: rtt })
          } else await onSendError(r, classifyError(result.reason))
        } catch (error) {
          // Handling the failure itself failed (the node vanished mid-recovery): try again later.
          if (ctx.ledger.terminal(r)) return
          if (r.attempts <= ctx.config.retries) retryLater(r, 'same')
          else ctx.ledger.move(r, 'submitted', { error: toInfo(classifyError(error)) })
        } finally {
          busy(r.from, -1)
        }
      }),
    )
    // Where the node mines on arrival the block may already be there; in engine mode it is not.
    if (poke && ctx.mining !== 'engine') ctx.tracker.poke()
  }

  async function onSendError(r: TxRecord, err: TxError): Promise<void> {
    if (ctx.ledger.terminal(r)) {
      // The tracker saw it mined while the answer was on its way: nothing to decide, but an
      // answer lost on the way to us is still a fault of the network, and the report lists it.
      if (transientKinds.has(err.kind)) emitTxError(ctx.bus, r, toInfo(err), false)
      return
    }
    const retryable = err.retryable || (err.kind === 'insufficient-funds' && ctx.topUp !== undefined)
    const canRetry = retryable && r.attempts <= ctx.config.retries
    const info = toInfo(err)
    emitTxError(ctx.bus, r, info, canRetry && err.kind !== 'already-known')

    switch (err.kind) {
      case 'already-known':
        ctx.ledger.move(r, 'submitted')
        return
      case 'nonce-too-low':
      case 'replacement-underpriced': {
        // A resend of our own tx that already landed also says "nonce too low".
        if (r.attempts > 1 && (await isKnown(r.hash))) {
          ctx.ledger.move(r, 'submitted')
          return
        }
        await ctx.nonces.resync(r.from)
        if (canRetry) return retryLater(r, 'new-nonce')
        return fail(r, info, 'consumed')
      }
      case 'insufficient-funds':
        ctx.lowBalance.warn(r.from)
        // With top-up on, refill the account and send the same tx again.
        if (ctx.topUp && r.attempts <= ctx.config.retries) {
          const refilled = await ctx.topUp(r.from).then(
            () => true,
            () => false,
          )
          if (refilled) return retryLater(r, 'same')
        }
        return fail(r, info, 'free')
      case 'fee-below-base-fee':
        if (canRetry) {
          await ctx.fees.refresh()
          return retryLater(r, 'resign')
        }
        return fail(r, info, 'free')
      case 'blob-fee-too-low':
        // A cap the user set is theirs to raise; ours follows the blob base fee.
        if (canRetry && (await ctx.kinds.refreshBlobFee())) return retryLater(r, 'resign')
        return fail(r, info, 'free')
      default:
        if (canRetry) return retryLater(r, 'same')
        // The node may hold the tx although we never heard so: keep tracking it, drain decides.
        if (err.nonceEffect === 'unknown') {
          ctx.ledger.move(r, 'submitted', { error: info })
          return
        }
        return fail(r, info, err.nonceEffect)
    }
  }

  const toInfo = (err: TxError) => ({ kind: err.kind, message: err.shortMessage, hint: err.hint, raw: err.raw })

  /** Its nonce (and a self-authorization's) back to the pool: never used on chain. */
  function releaseNonces(r: TxRecord) {
    if (r.nonce !== undefined) ctx.nonces.release(r.from, r.nonce)
    if (r.authNonce !== undefined) ctx.nonces.release(r.from, r.authNonce)
  }

  function retryLater(r: TxRecord, how: 'same' | 'resign' | 'new-nonce') {
    if (how === 'new-nonce') {
      // The tx's nonce was used by another: a self-authorization's is ours to hand out again.
      if (r.authNonce !== undefined) ctx.nonces.release(r.from, r.authNonce)
      ctx.ledger.update(r, { nonce: undefined, authNonce: undefined })
    }
    busy(r.from, 1) // the account stays busy until the retry is sent (strict ordering)
    ctx.retries.add({ record: r, dueAt: Date.now() + backoffMs(r.attempts), resign: how !== 'same' })
  }

  function fail(r: TxRecord, error: TxRecord['error'], nonce: 'consumed' | 'free' | 'unknown') {
    if (r.hash) ctx.tracker.unwatch(r.hash)
    if (nonce === 'free') releaseNonces(r)
    ctx.ledger.move(r, 'failed', { error })
  }

  async function isKnown(hash: Hex | undefined): Promise<boolean> {
    if (!hash) return false
    try {
      return Boolean(await ctx.conn.request('eth_getTransactionByHash', [hash]))
    } catch {
      return false
    }
  }

  async function takeDueRetries(max: number): Promise<TxRecord[]> {
    const due = ctx.retries.takeDue(Date.now(), max)
    const out: TxRecord[] = []
    for (const { record, resign } of due) {
      busy(record.from, -1)
      if (ctx.ledger.terminal(record)) continue
      if (resign) await sign(record)
      out.push(record)
    }
    return out
  }

  function cancel(r: TxRecord) {
    if (r.hash) ctx.tracker.unwatch(r.hash)
    releaseNonces(r)
    if (r.state === 'planned') ctx.ledger.add(r, 'cancelled')
    else ctx.ledger.move(r, 'cancelled')
  }

  async function whenNoSendOutstanding(): Promise<void> {
    while (outstanding > 0) await answered.wait(1_000)
  }

  return {
    recordFor,
    sign,
    send,
    whenNoSendOutstanding,
    takeDueRetries,
    cancel,
    isKnown,
    isBusy: (a: Address) => (ctx.sending.get(a.toLowerCase()) ?? 0) > 0,
  }
}
