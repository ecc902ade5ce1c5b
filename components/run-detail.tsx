'use client'

import Link from 'next/link'
import type { RunSummary } from '@/services/runs/types'
import { formatDuration, formatMs, formatRate, formatTime, shortId } from './format'
import { RunControls } from './run-controls'
import { StatusBadge } from './status-badge'
import { useRunPolling } from './use-run-polling'

type CountKey = keyof RunSummary['counts']

/** In the order a transaction lives them; the last five are the terminal states. */
const countTiles: { key: CountKey; label: string; tone?: 'ok' | 'bad' | 'warn' }[] = [
  { key: 'planned', label: 'Planned' },
  { key: 'signed', label: 'Signed' },
  { key: 'submitted', label: 'Submitted' },
  { key: 'mined', label: 'Mined', tone: 'ok' },
  { key: 'reverted', label: 'Reverted', tone: 'bad' },
  { key: 'failed', label: 'Failed', tone: 'bad' },
  { key: 'dropped', label: 'Dropped', tone: 'warn' },
  { key: 'cancelled', label: 'Cancelled', tone: 'warn' },
]

export function RunDetail({ initial }: { initial: RunSummary }) {
  const { run, setRun, stale, terminal } = useRunPolling(initial)
  const { config, counts } = run

  return (
    <article className="run" data-testid="run-detail" data-run-id={run.id}>
      <Link href="/runs" className="back">
        ← All runs
      </Link>
      <header className="run-header">
        <div>
          <h1>
            Run <span className="mono">{shortId(run.id)}</span>
            {run.name && <span className="run-name">{run.name}</span>}
          </h1>
          <p className="muted mono small">{run.id}</p>
        </div>
        <div className="run-actions">
          <StatusBadge status={run.status} testId="run-status" />
          <RunControls run={run} onChange={setRun} />
          {/* The same config, opened in the form to run again or change first. */}
          <a className="button" href={`/test?run=${encodeURIComponent(run.id)}`} data-testid="run-again">
            Run again…
          </a>
        </div>
      </header>

      {!terminal && (
        <p className="muted small" data-testid="run-live">
          {stale ? 'Lost contact with the server; retrying…' : 'Live: refreshing every second.'}
        </p>
      )}

      {run.error && (
        <div className="alert alert-bad" data-testid="run-error">
          <strong>{run.error.code}</strong> {run.error.message}
          {run.error.hint && <span className="hint">{run.error.hint}</span>}
        </div>
      )}

      <section className="tiles" aria-label="Transactions by state">
        {countTiles.map(({ key, label, tone }) => (
          <div key={key} className={`tile${tone && counts[key] > 0 ? ` tile-${tone}` : ''}`}>
            <div className="tile-label">{label}</div>
            <div className="tile-value" data-testid={`count-${key}`}>
              {counts[key]}
            </div>
          </div>
        ))}
      </section>

      <div className="grid-2">
        <section className="card">
          <h2>Performance</h2>
          <dl className="facts">
            <dt>Duration</dt>
            <dd data-testid="run-duration">{formatDuration(run.durationMs)}</dd>
            <dt>Sent</dt>
            <dd data-testid="run-sent-rate">{formatRate(run.throughput.sentPerSec)} tx/s</dd>
            <dt>Mined</dt>
            <dd data-testid="run-mined-rate">{formatRate(run.throughput.minedPerSec)} tx/s</dd>
            <dt>Latency p50</dt>
            <dd data-testid="latency-p50">{formatMs(run.latencyMs.p50)}</dd>
            <dt>Latency p95</dt>
            <dd data-testid="latency-p95">{formatMs(run.latencyMs.p95)}</dd>
            <dt>Latency p99</dt>
            <dd data-testid="latency-p99">{formatMs(run.latencyMs.p99)}</dd>
          </dl>
        </section>
        <section className="card">
          <h2>Configuration</h2>
          <dl className="facts">
            <dt>Mode</dt>
            <dd data-testid="run-mode">{config.mode ?? '—'}</dd>
            <dt>Transactions</dt>
            <dd>{config.txs ?? '—'}</dd>
            <dt>Accounts</dt>
            <dd>{config.accounts ?? '—'}</dd>
            {config.mode === 'concurrent' && (
              <>
                <dt>Concurrency</dt>
                <dd>{config.concurrency ?? '—'}</dd>
              </>
            )}
            <dt>Mining</dt>
            <dd>{run.mining ?? '—'}</dd>
            <dt>Chain id</dt>
            <dd>{run.chainId ?? '—'}</dd>
            <dt>Created</dt>
            <dd>{formatTime(run.createdAt)}</dd>
            <dt>Started</dt>
            <dd>{formatTime(run.startedAt)}</dd>
            <dt>Ended</dt>
            <dd>{formatTime(run.endedAt)}</dd>
          </dl>
        </section>
      </div>
    </article>
  )
}
