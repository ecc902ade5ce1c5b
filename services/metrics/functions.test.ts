import { describe, expect, it } from 'vitest'
import { statRow } from '../../test/helpers/stat-row'
import { accountStats } from './account-stats'
import { functionStats } from './functions'

const row = statRow

describe('functionStats', () => {
  it('counts by state and takes gas and latency from the included txs only', () => {
    const [f] = functionStats([
      row({ gas_used: '100', latency_ms: 10 }),
      row({ state: 'reverted', gas_used: '300', latency_ms: 30 }),
      row({ gas_used: '200', latency_ms: 20 }),
      row({ state: 'failed', gas_used: null, latency_ms: null }),
      // A failed tx never has gas in practice; were one stored, it would not count.
      row({ state: 'dropped', gas_used: '999999', latency_ms: 99_999 }),
      row({ state: 'submitted', gas_used: null, latency_ms: null }),
    ])
    expect(f).toEqual({
      label: 'transfer',
      role: 'planned',
      count: 6,
      mined: 2,
      reverted: 1,
      failed: 1,
      dropped: 1,
      cancelled: 0,
      unconfirmed: 0,
      open: 1,
      gas: { avg: 200, p95: 300, min: 100, max: 300, total: 600 },
      latencyMs: { p50: 20, p95: 30 },
    })
  })

  it('keeps functions and gap fills apart, most txs first', () => {
    const stats = functionStats([
      row({ label: 'a' }),
      row({ label: 'b' }),
      row({ label: 'b' }),
      row({ label: 'nonce gap fill', role: 'gap-fill' }),
    ])
    expect(stats.map((f) => [f.role, f.label, f.count])).toEqual([
      ['planned', 'b', 2],
      ['planned', 'a', 1],
      ['gap-fill', 'nonce gap fill', 1],
    ])
  })

  it('has null gas and latency for a function none of whose txs was included', () => {
    const [f] = functionStats([row({ state: 'cancelled', gas_used: null, latency_ms: null })])
    expect(f?.gas).toEqual({ avg: null, p95: null, min: null, max: null, total: 0 })
    expect(f?.latencyMs).toEqual({ p50: null, p95: null })
  })
})

describe('accountStats', () => {
  it("joins the report's senders with their rows whatever the letter case, then the other addresses", () => {
    const sender = {
      address: '0xAA',
      kind: 'local' as const,
      sent: 1,
      expectedNonce: 1,
      onChainNonce: 1,
      balanceWei: '5',
      lastError: null,
    }
    const stats = accountStats([sender], [row({ account: '0xaa' }), row({ account: '0xbb' }), row({ account: '' })])
    expect(stats.map((a) => [a.address, a.kind, a.txs.count])).toEqual([
      ['0xAA', 'local', 1],
      ['0xbb', null, 1],
    ])
  })
})
