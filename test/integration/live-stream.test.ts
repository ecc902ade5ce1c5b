import { describe, expect, it } from 'vitest'
import type { LiveFrame, ResetFrame, SeriesPoint, TxRow } from '../../services/live/frames'
import { resetFromStore } from '../../services/live/from-store'
import { runEventStream, type StreamSource } from '../../services/live/sse'
import { createRunsRepo } from '../../services/store/runs-repo'
import { withTestNode } from '../helpers/anvil'
import { known, receiptOf } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'
import { readSse } from '../helpers/sse'

const testNode = withTestNode()

/** What a page would hold after reading a stream: rows by idx, the series, every seq seen. */
type ClientView = { rows: Map<number, TxRow>; series: SeriesPoint[]; seqs: number[]; resets: number; end?: LiveFrame }

/** Reads the stream into a view until `end` (or until `stopAfterMs`, like a dropped connection). */
async function follow(source: StreamSource, view: ClientView, lastEventId: number | null, stopAfterMs?: number) {
  const abort = new AbortController()
  const timer = stopAfterMs ? setTimeout(() => abort.abort(), stopAfterMs) : undefined
  let pending: { rows: Map<number, TxRow>; series: SeriesPoint[] } | null = null
  for await (const m of readSse(runEventStream(source, lastEventId, abort.signal))) {
    const f = m.data as LiveFrame | { kind: 'reset-txs'; rows: TxRow[] } | { kind: 'reset-done'; seq: number }
    if (f.kind === 'reset') pending = { rows: new Map(), series: [...(f as ResetFrame).series] }
    else if (f.kind === 'reset-txs') for (const r of f.rows) pending?.rows.set(r.idx, r)
    else if (f.kind === 'reset-done') {
      if (!pending) throw new Error('reset-done without reset')
      view.rows = pending.rows
      view.series = pending.series
      view.resets++
      view.seqs.push(f.seq)
    } else {
      expect(m.id).toBe(f.seq)
      view.seqs.push(f.seq)
      if (f.kind === 'txs') for (const r of f.rows) view.rows.set(r.idx, r)
      if (f.kind === 'stats') view.series.push(...f.series)
      if (f.kind === 'end') view.end = f
    }
  }
  clearTimeout(timer)
  return view.seqs.at(-1) ?? null
}

const newView = (): ClientView => ({ rows: new Map(), series: [], seqs: [], resets: 0 })
const strictlyIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > (xs[i - 1] as number))

describe('live stream of a run on a real Anvil', () => {
  it('a late client and one that drops and reconnects end with the chain’s answer, no frame twice', async () => {
    const { session, db } = startTestRun(testNode.node, {
      mode: 'concurrent',
      txs: 1500,
      accounts: 10,
      rate: 600,
      mnemonic: freshMnemonic(),
    })
    const source = { feed: session.feed }
    const first = newView()
    const fromStart = follow(source, first, null)

    await new Promise((r) => setTimeout(r, 700))
    const second = newView()
    const dropped = await follow(source, second, null, 800)
    expect(second.resets).toBe(1)
    expect(second.end).toBeUndefined()
    // The connection is back: only what it missed, as numbered frames after the last one it had.
    await follow(source, second, dropped)
    expect(second.resets).toBe(1)

    const report = await session.done
    await fromStart
    for (const v of [first, second]) {
      expect(strictlyIncreasing(v.seqs), `seqs ${v.seqs.join(',')}`).toBe(true)
      expect(v.end?.kind).toBe('end')
      expect(v.end && 'stats' in v.end ? v.end.stats.counts : null).toEqual(report.counts)
    }
    expect(report.counts).toMatchObject({ planned: 1500, mined: 1500 })
    expect([...second.rows.values()]).toEqual([...first.rows.values()])

    // The rows are the chain's answer: every mined row's hash has a successful receipt from its account.
    const planned = [...first.rows.values()].filter((r) => r.role === 'planned')
    expect(planned).toHaveLength(1500)
    const receipts = await Promise.all(
      planned.map((r) => receiptOf(testNode.node, known(r.hash, `hash of tx ${r.idx}`))),
    )
    for (const [i, r] of planned.entries()) {
      expect(r.state).toBe('mined')
      expect(receipts[i]?.status).toBe('0x1')
      expect(receipts[i]?.from.toLowerCase()).toBe(r.account.toLowerCase())
      expect(Number(BigInt(receipts[i]?.blockNumber ?? '0x0'))).toBe(r.block)
    }
    // One point a second, and the points add up to the run.
    const sum = (k: 'sent' | 'mined') => first.series.reduce((n, p) => n + p[k], 0)
    expect(sum('mined')).toBe(1500)
    expect(sum('sent')).toBe(1500)
    expect(first.series.every((p, i) => i === 0 || p.t === (first.series[i - 1] as SeriesPoint).t + 1000)).toBe(true)

    // After the run (or a restart) the store gives the same history.
    const row = createRunsRepo(db).get(session.id)
    if (!row) throw new Error('run row missing')
    const stored = newView()
    await follow({ stored: () => resetFromStore(db, row) }, stored, null)
    expect([...stored.rows.values()]).toEqual([...first.rows.values()])
    expect(stored.series).toEqual(first.series)
    expect(stored.end && 'stats' in stored.end ? stored.end.stats.counts : null).toEqual(report.counts)
  })

  it('a Last-Event-ID the feed does not hold gets a full reset instead of a hole', async () => {
    const { session } = startTestRun(testNode.node, {
      mode: 'concurrent',
      txs: 300,
      accounts: 5,
      mnemonic: freshMnemonic(),
    })
    const report = await session.done
    const view = newView()
    await follow({ feed: session.feed }, view, 10_000_000)
    expect(view.resets).toBe(1)
    expect([...view.rows.values()].filter((r) => r.role === 'planned' && r.state === 'mined')).toHaveLength(
      report.counts.mined,
    )
  })
})
