import { createRng } from '../../services/abi/rng'
import type { RunEvent, TxEvent } from '../../services/testing/events'
import type { TxState } from '../../services/testing/tx'

/**
 * What an engine emits for `n` txs, in the orders it can: retries, repeats, answers that come
 * after the block, refusals, drops, cancels, gap fills, a replacement, blocks, warnings and a
 * pause. Each tx's events are in order; txs interleave.
 */
export function engineLikeStream(n: number, seed: number): RunEvent[] {
  const rng = createRng(seed)
  const r = () => rng.uint32() / 2 ** 32
  const out: RunEvent[] = []
  let at = 1_000
  const tick = () => (at += Math.floor(r() * 7))
  out.push({ type: 'status', at: tick(), status: 'preparing' }, { type: 'status', at: tick(), status: 'running' })
  type Open = {
    idx: number
    state: TxState
    submittedAt?: number
    submitRttMs?: number
    role: TxEvent['role']
    label: string
  }
  const open: Open[] = []
  const ev = (t: Open, state: TxState, extra: Partial<TxEvent> = {}): TxEvent => {
    const e: TxEvent = {
      type: 'tx',
      at: tick(),
      idx: t.idx,
      prev: t.state,
      state,
      role: t.role,
      label: t.label,
      from: '0x00000000000000000000000000000000000000aa',
      nonce: Math.abs(t.idx),
      gas: 21_000n,
      attempt: 1,
      // A tx event carries the tx's whole latest state (ledger.ts), its round trip included.
      submittedAt: state === 'signed' ? undefined : t.submittedAt,
      submitRttMs: t.submitRttMs,
      ...extra,
    }
    t.submitRttMs = e.submitRttMs
    t.state = state
    return e
  }
  let next = 0
  let gap = 0
  while (next < n || open.length) {
    if (next < n && (open.length < 20 || r() < 0.3)) {
      const gapFill = r() < 0.01
      const t: Open = gapFill
        ? { idx: -++gap, state: 'planned', role: 'gap-fill', label: 'nonce gap fill' }
        : { idx: next++, state: 'planned', role: 'planned', label: r() < 0.7 ? 'transfer' : 'approve' }
      if (!gapFill && r() < 0.03) out.push(ev(t, 'cancelled'))
      else {
        out.push(ev(t, 'signed'))
        open.push(t)
      }
      continue
    }
    const t = open.splice(Math.floor(r() * open.length), 1)[0] as Open
    const roll = r()
    if (t.state === 'signed') {
      t.submittedAt = tick()
      if (roll < 0.05) {
        out.push({
          type: 'error',
          at: tick(),
          idx: t.idx,
          label: t.label,
          error: { kind: 'timeout', message: `t${t.idx}`, hint: 'own hint' },
          willRetry: true,
        })
        open.push(t) // retried later
      } else if (roll < 0.08) {
        out.push({
          type: 'error',
          at: tick(),
          idx: t.idx,
          label: t.label,
          error: { kind: 'nonce-too-low', message: `n${t.idx}`, raw: 'raw answer' },
          willRetry: false,
        })
        out.push(ev(t, 'failed', { error: { kind: 'nonce-too-low', message: 'refused' } }))
      } else if (roll < 0.12) {
        // Seen in a block before the node's answer came back.
        out.push(ev(t, 'mined', { latencyMs: Math.floor(r() * 50), blockNumber: 1n, gasUsed: 21_000n }))
      } else {
        out.push(ev(t, 'submitted', { submitRttMs: 1 + Math.floor(r() * 30) }))
        open.push(t)
      }
      continue
    }
    if (roll < 0.1) {
      // A repeat: sent again (a later send time, a new round trip), or annotated.
      t.submittedAt = tick()
      out.push(ev(t, 'submitted', { submitRttMs: 5 }))
      open.push(t)
    } else if (roll < 0.15) {
      out.push({
        type: 'replaced',
        at: tick(),
        idx: t.idx,
        from: '0x00000000000000000000000000000000000000aa',
        nonce: 1,
        kind: roll < 0.13 ? 'cancel' : 'speed-up',
        hash: '0x01',
        replaces: '0x02',
      })
      open.push(t)
    } else if (roll < 0.2) out.push(ev(t, 'dropped', { error: { kind: 'unknown', message: 'gone' } }))
    else if (roll < 0.23) out.push(ev(t, 'unconfirmed'))
    else {
      const state = roll < 0.3 ? 'reverted' : 'mined'
      out.push(ev(t, state, { latencyMs: Math.floor(r() * 400), blockNumber: 2n, gasUsed: 30_000n, receiptType: 2 }))
      if (r() < 0.3)
        out.push({
          type: 'block',
          at: tick(),
          number: BigInt(out.length),
          timestamp: 0,
          gasUsed: 63_000n,
          gasLimit: 30_000_000n,
          txCount: 3,
          ours: 3,
        })
    }
    if (r() < 0.005) out.push({ type: 'warning', at: tick(), code: 'x', message: 'something', hint: 'do this' })
    if (r() < 0.004)
      out.push({ type: 'status', at: tick(), status: 'paused' }, { type: 'status', at: tick() + 40, status: 'running' })
  }
  out.push({ type: 'status', at: tick(), status: 'draining' }, { type: 'status', at: tick(), status: 'completed' })
  return out
}
