import type { Hex } from 'viem'
import { type Fees, signTx, type UnsignedTx } from '../chain/signer'
import { classifyError } from '../errors/classify'
import { openRecords } from './open-records'
import type { RunContext } from './run-context'
import type { TxRecord } from './tx'

/** How often the pool's oldest txs are looked at. */
const scanEveryMs = 100

/**
 * Fees raised for the k-th replacement: +10 % (+1 wei) per step, the least geth's pool takes
 * (docs/config.md#replacement). From today's fees, which never fall below the earlier ones'.
 */
function bumped(fees: Fees, k: number): Fees {
  const up = (x: bigint) => {
    let v = x
    for (let i = 0; i < k; i++) v = (v * 11n) / 10n + 1n
    return v
  }
  return fees.type === 'eip1559'
    ? { type: 'eip1559', maxFeePerGas: up(fees.maxFeePerGas), maxPriorityFeePerGas: up(fees.maxPriorityFeePerGas) }
    : { type: 'legacy', gasPrice: up(fees.gasPrice) }
}

/**
 * Replaces txs stuck in the pool (config `replaceAfterMs`): each submitted tx not mined that long
 * after its last signing is signed again at the same nonce with raised fees — the same call
 * (speed-up), or a 0-value transfer to its sender (cancel). Every hash stays watched; the one the
 * chain includes decides the tx's fate (apply-inclusion.ts), so only one can count. Txs the node
 * signs (impersonated, unlocked) are left as they are.
 */
export function startReplacer(ctx: RunContext): () => void {
  const after = ctx.config.replaceAfterMs
  if (after === undefined) return () => {}
  const busy = new Set<number>()

  async function replace(r: TxRecord) {
    const sender = ctx.signers.get(r.from.toLowerCase())
    if (sender?.kind !== 'local' || r.nonce === undefined || !r.hash) return
    const k = (r.replacement?.count ?? 0) + 1
    // geth keeps a blob tx's nonce for blob txs, and a self-authorizing tx holds two nonces: both
    // are sped up, never cancelled (a plain cancel would leave the second nonce a hole).
    const cancellable = r.txType !== 'eip4844' && r.authNonce === undefined
    const kind: 'speed-up' | 'cancel' = ctx.config.replaceWith === 'cancel' && cancellable ? 'cancel' : 'speed-up'
    const fees = bumped(ctx.fees.get(), k)
    const tx: UnsignedTx =
      kind === 'cancel'
        ? { chainId: ctx.node.chainId, nonce: r.nonce, to: r.from, value: 0n, gas: 21_000n, fees }
        : await speedUp(r, fees, k, sender.privateKey)
    const { raw, hash } = await signTx(sender.privateKey, tx, ctx.signDigest)
    const replaces = r.hash
    const hashes = r.replacement?.hashes ?? new Map([[replaces, 'original' as const]])
    hashes.set(hash, kind)
    ctx.ledger.update(r, { replacement: { count: k, lastAt: Date.now(), hashes }, hash, raw })
    ctx.byHash.set(hash, r)
    ctx.tracker.watch(hash)
    const event = {
      type: 'replaced' as const,
      at: Date.now(),
      idx: r.idx,
      from: r.from,
      nonce: r.nonce,
      kind,
      hash,
      replaces,
    }
    await ctx.beforeSend()
    try {
      await ctx.gate.shared(() => ctx.router.resend(r))
      ctx.bus.emit('event', event)
    } catch (error) {
      const e = classifyError(error)
      // Mined meanwhile ("nonce too low"), or the node holds it: the race is decided by the chain.
      ctx.bus.emit('event', { ...event, refused: `${e.kind}: ${e.shortMessage}` })
    }
  }

  /** The same call, signed again at raised fees (blob fee doubled: geth's blob pool wants 100 %). */
  async function speedUp(r: TxRecord, fees: Fees, k: number, key: Hex): Promise<UnsignedTx> {
    const fields = await ctx.kinds.fieldsOf(r, ctx.node.chainId, key)
    const blobs = fields.blobs && { ...fields.blobs, maxFeePerBlobGas: fields.blobs.maxFeePerBlobGas * 2n ** BigInt(k) }
    return {
      chainId: ctx.node.chainId,
      nonce: r.nonce as number,
      to: r.to,
      value: r.value,
      data: r.data,
      gas: r.gas,
      fees,
      ...fields,
      ...(blobs && { blobs }),
    }
  }

  const timer = setInterval(() => {
    // Paused, or held while the node is away: nothing is sent, replacements neither.
    if (ctx.control.state === 'paused') return
    const now = Date.now()
    for (const r of openRecords(ctx)) {
      if (r.state !== 'submitted' || busy.has(r.idx) || r.submittedAt === undefined) continue
      if ((r.replacement?.count ?? 0) >= ctx.config.maxReplacements) continue
      if (now - (r.replacement?.lastAt ?? r.submittedAt) < after) continue
      busy.add(r.idx)
      void replace(r)
        .catch(() => undefined)
        .finally(() => busy.delete(r.idx))
    }
  }, scanEveryMs)
  return () => clearInterval(timer)
}
