import type { BlockPoint, Marker, SeriesPoint } from '../../services/live/frames'
import { toolEnvironment } from '../../services/metrics/environment'
import { functionStats } from '../../services/metrics/functions'
import { invariantHolds, type RunReport, reportVersion } from '../../services/metrics/report'
import { txTypeStats } from '../../services/metrics/tx-type-stats'
import { emptyCounts } from '../../services/run-model/counts'
import { noReplacements } from '../../services/run-model/model'
import type { Db } from '../../services/store/db'
import { readTxStatRows } from '../../services/store/stat-rows'

export type SyntheticRunOptions = { txs: number; accounts?: number; seconds?: number; id?: string }

const labels = ['transfer(address,uint256)', 'approve(address,uint256)', 'mint()'] as const
const gasOf = { 'transfer(address,uint256)': 51_234, 'approve(address,uint256)': 46_100, 'mint()': 70_500 }

/** A deterministic 0x hash per idx: tests look for these in files that must not hold them. */
export const syntheticHash = (idx: number) => `0x${(idx + 0x1000).toString(16).padStart(8, '0').repeat(8)}`

/**
 * A finished run written straight into SQLite, as the engine would leave it: `txs` rows (a few
 * reverted, failed, dropped and cancelled, 5 gap fills), errors, and the live view's per-second
 * points, blocks and markers; its report's numbers come from those rows. For size and format
 * tests of reports without sending 100k txs.
 */
export function insertSyntheticRun(db: Db, o: SyntheticRunOptions): RunReport {
  const id = o.id ?? `synthetic-${o.txs}`
  const accounts = Array.from({ length: o.accounts ?? 100 }, (_, i) =>
    `0x${(i + 1).toString(16).padStart(40, 'a')}`.slice(0, 42),
  )
  const seconds = o.seconds ?? 3_000
  const start = 1_750_000_000_000
  const end = start + seconds * 1000
  const config = { name: 'synthetic <load> & "quotes"', mode: 'concurrent', txs: o.txs, accounts: accounts.length }
  db.prepare(
    `INSERT INTO runs (id, name, status, config_json, created_at, started_at, ended_at, chain_id, rpc_url, mining, planned)
     VALUES (?, ?, 'completed', ?, ?, ?, ?, 31337, 'http://127.0.0.1:8545', 'engine', ?)`,
  ).run(id, config.name, JSON.stringify(config), start, start, end, o.txs)

  const insertTx = db.prepare(
    `INSERT INTO txs (run_id, idx, role, label, account, nonce, hash, state, attempts, submitted_at, included_at,
                      block_number, gas_used, latency_ms, error_kind, error_message, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertError = db.prepare(
    `INSERT INTO errors (run_id, tx_idx, at, kind, message, raw, account, nonce, attempt, label, will_retry)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertEvent = db.prepare('INSERT INTO run_events (run_id, at, type, data_json) VALUES (?, ?, ?, ?)')
  const counts = emptyCounts(o.txs)
  const latencies: number[] = []
  db.transaction(() => {
    for (let idx = -5; idx < o.txs; idx++) {
      const gapFill = idx < 0
      const label = gapFill ? 'nonce gap fill' : (labels[idx % 10 < 6 ? 0 : idx % 10 < 9 ? 1 : 2] as string)
      const account = accounts[Math.abs(idx) % accounts.length] as string
      const at = start + Math.floor(((idx + 5) / (o.txs + 5)) * (end - start - 2000))
      const state = gapFill
        ? 'mined'
        : idx % 997 === 3
          ? 'reverted'
          : idx % 499 === 7
            ? 'failed'
            : idx % 1999 === 11
              ? 'dropped'
              : idx >= o.txs - 3
                ? 'cancelled'
                : 'mined'
      const included = state === 'mined' || state === 'reverted'
      const latency = included ? 200 + ((idx * 37) % 1800) : null
      const gas = included ? (gapFill ? 21_000 : (gasOf[label as keyof typeof gasOf] ?? 0) + (idx % 13) * 100) : null
      if (!gapFill) counts[state as 'mined']++
      if (latency !== null && !gapFill) latencies.push(latency)
      const error =
        state === 'failed'
          ? ['nonce-too-low', 'nonce too low: "next nonce" is 5, tx has 3,\nsee =cmd|calc']
          : state === 'reverted'
            ? ['reverted', 'execution reverted: Insufficient allowance']
            : state === 'dropped'
              ? ['timeout', 'no progress for 60000 ms']
              : state === 'cancelled'
                ? ['unknown', 'stopped by the user']
                : [null, null]
      insertTx.run(
        id,
        idx,
        gapFill ? 'gap-fill' : 'planned',
        label,
        account,
        state === 'cancelled' ? null : Math.floor((idx + 5) / accounts.length),
        state === 'cancelled' ? null : syntheticHash(idx),
        state,
        state === 'failed' ? 4 : 1,
        state === 'cancelled' ? null : at,
        included ? at + (latency ?? 0) : null,
        included ? 1 + Math.floor((at - start) / 1000) : null,
        gas === null ? null : String(gas),
        latency,
        error[0],
        error[1],
        at + (latency ?? 0),
      )
      if (state === 'failed')
        for (let attempt = 0; attempt < 4; attempt++)
          insertError.run(
            id,
            idx,
            at,
            'nonce-too-low',
            'Nonce too low',
            error[1],
            account,
            1,
            attempt,
            label,
            attempt < 3 ? 1 : 0,
          )
    }
    const series: SeriesPoint[] = []
    for (let s = 0; s < seconds; s++)
      series.push({
        t: start + s * 1000,
        sent: Math.round(o.txs / seconds),
        mined: Math.round(o.txs / seconds) - (s % 7 === 0 ? 1 : 0),
        reverted: s % 11 === 0 ? 1 : 0,
        failed: s % 13 === 0 ? 1 : 0,
        p50: 400 + (s % 50),
        p95: 900 + (s % 170),
        p99: 1500 + (s % 230),
        errors: s % 13 === 0 ? { 'nonce-too-low': 4 } : {},
      })
    const blocks: BlockPoint[] = Array.from({ length: seconds }, (_, b) => ({
      number: b + 1,
      at: start + b * 1000 + 500,
      gasUsed: 12_000_000 + ((b * 7919) % 9_000_000),
      gasLimit: 30_000_000,
      txs: 200,
      ours: 200,
    }))
    const markers: Marker[] = [
      { at: start, kind: 'status', label: 'running' },
      { at: start + 60_000, kind: 'warning', label: 'stuck-pending: no block for 10 s' },
      { at: end, kind: 'status', label: 'completed' },
    ]
    for (const p of series) insertEvent.run(id, p.t, 'series', JSON.stringify(p))
    for (const b of blocks) insertEvent.run(id, b.at, 'block', JSON.stringify(b))
    for (const m of markers) insertEvent.run(id, m.at, 'marker', JSON.stringify(m))
  })()

  const sorted = [...latencies].sort((a, b) => a - b)
  const pct = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? null
  const failed = counts.failed
  const report: RunReport = {
    version: reportVersion,
    runId: id,
    name: config.name,
    status: 'completed',
    counts,
    invariantHolds: invariantHolds(counts),
    // Settled from rows after the fact: no end-of-run read of the senders' nonces.
    chainAgrees: null,
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(end).toISOString(),
    durationMs: end - start,
    pausedMs: 0,
    throughput: {
      sentPerSec: Math.round((o.txs / seconds) * 10) / 10,
      minedPerSec: Math.round((counts.mined / seconds) * 10) / 10,
    },
    latencyMs: { p50: pct(50), p95: pct(95), p99: pct(99) },
    submitRttMs: { p50: 12, p95: 40, p99: 80 },
    node: {
      chainId: 31337,
      clientVersion: 'anvil/v1.7.1',
      rpcUrl: 'http://127.0.0.1:8545',
      embedded: true,
      mining: 'engine',
      ownMining: { kind: 'automine' },
      fork: null,
    },
    blocks: {
      count: seconds,
      gasUsed: String(seconds * 16_000_000),
      ourTxs: counts.mined + counts.reverted,
      avgFullness: 0.55,
    },
    accounts: accounts.map((address, i) => ({
      address,
      kind: 'local' as const,
      sent: Math.floor(o.txs / accounts.length),
      expectedNonce: Math.floor(o.txs / accounts.length),
      onChainNonce: Math.floor(o.txs / accounts.length) - (i === 1 ? 1 : 0),
      balanceWei: '999999000000000000000',
      lastError: i === 1 ? 'nonce too low <b>' : null,
    })),
    errors: failed
      ? [
          {
            kind: 'nonce-too-low',
            label: 'transfer(address,uint256)',
            title: 'Nonce too low',
            count: failed * 4,
            retried: failed * 3,
            hint: 'Avoid sharing test accounts between runs.',
            sample: 'nonce too low: "next nonce" is 5, tx has 3,\nsee =cmd|calc',
            firstAt: start + 1000,
            lastAt: end - 1000,
          },
        ]
      : [],
    warnings: [{ code: 'stuck-pending', message: 'No block for 10 s', hint: 'Mine a block', at: start + 60_000 }],
    gapFills: 5,
    replacements: noReplacements(),
    scenario: null,
    functions: functionStats(readTxStatRows(db, id)),
    txTypes: txTypeStats(readTxStatRows(db, id)),
    endpoints: [],
    signing: null,
    distributed: null,
    limit: null,
    environment: toolEnvironment(),
    config: config as RunReport['config'],
    thresholds: [],
    thresholdsOk: true,
    thresholdAbort: null,
    error: null,
  }
  db.prepare('UPDATE runs SET report_json = ? WHERE id = ?').run(JSON.stringify(report), id)
  return report
}
