import { describe, expect, it } from 'vitest'
import { readSse } from '../../test/helpers/sse'
import { emptyCounts } from '../run-model/counts'
import type { ResetFrame, TxRow } from './frames'
import { lastEventIdOf, runEventStream } from './sse'
import { liveStats } from './stats'

const row = (idx: number): TxRow => ({
  idx,
  role: 'planned',
  label: 'transfer',
  account: `0x${'ab'.repeat(20)}`,
  nonce: idx,
  hash: `0x${idx.toString(16).padStart(64, '0')}`,
  state: 'mined',
  attempts: 1,
  submittedAt: 1,
  includedAt: 2,
  block: 3,
  gasUsed: 21000,
  txType: null,
  latencyMs: 1,
  errorKind: null,
  error: 'x'.repeat(200),
  updatedAt: 2,
})

describe('run event stream', () => {
  it('delivers a reset far larger than its send buffer whole, at the reader’s pace, then ends', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => row(i))
    const stats = liveStats({
      status: 'completed',
      counts: emptyCounts(rows.length),
      throughput: { sentPerSec: 0, minedPerSec: 0 },
      latencyMs: { p50: null, p95: null, p99: null },
      mining: 'engine',
      startedAt: 0,
      endedAt: 1,
      pausedMs: 0,
      now: 1,
      series: [],
      lastBlock: null,
    })
    const frame: ResetFrame = {
      kind: 'reset',
      seq: 0,
      stats,
      series: [],
      blocks: [],
      markers: [],
      accounts: [],
      errors: [],
      txCount: rows.length,
    }
    const events: string[] = []
    let received = 0
    const stream = runEventStream({ stored: () => ({ frame, rows }) }, null, new AbortController().signal)
    for await (const m of readSse(stream)) {
      events.push(m.event)
      if (m.event === 'reset-txs') received += (m.data as { rows: TxRow[] }).rows.length
    }
    expect(received).toBe(120_000)
    expect(events.slice(-2)).toEqual(['reset-done', 'end'])
  })

  it('reads Last-Event-ID (or ?after=) only when it is a plain sequence number', () => {
    const req = (h?: string, q = '') =>
      new Request(`http://127.0.0.1/api/runs/x/stream${q}`, h ? { headers: { 'last-event-id': h } } : {})
    expect(lastEventIdOf(req('42'))).toBe(42)
    expect(lastEventIdOf(req(undefined, '?after=7'))).toBe(7)
    expect(lastEventIdOf(req('-1'))).toBeNull()
    expect(lastEventIdOf(req('1e9'))).toBeNull()
    expect(lastEventIdOf(req())).toBeNull()
  })
})
