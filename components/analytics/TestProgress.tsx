'use client'

import type { LiveStats } from '@/services/live/frames'
import type { TxCounts } from '@/services/run-model/counts'
import type { RunSummary } from '@/services/runs/types'
import { formatDuration, formatInt, formatMs, formatRate } from '../format'
import { StatusBadge } from '../status-badge'
import { type ProgressFigures, progressFigures } from './progress-figures'
import { ThresholdBadges } from './threshold-badges'

type Tone = 'ok' | 'bad' | 'warn'
type Tile = {
  testId: string
  label: string
  help: string
  value: (c: TxCounts, f: ProgressFigures) => number
  tone?: Tone
}

/**
 * In the order a transaction lives them. The test ids are the TxCounts keys (tests compare them
 * with the API), plus `reached` for everything that ever got to the node.
 */
const tiles: Tile[] = [
  { testId: 'count-planned', label: 'Planned', help: 'Transactions in the plan', value: (c) => c.planned },
  { testId: 'count-signed', label: 'Sending', help: 'Signed, being sent or retried', value: (c) => c.signed },
  { testId: 'count-submitted', label: 'Pending', help: "In the node's pool, not mined yet", value: (c) => c.submitted },
  {
    testId: 'count-reached',
    label: 'Submitted',
    help: 'Reached the node so far: mined + reverted + pending + dropped + unconfirmed',
    value: (_c, f) => f.reached,
  },
  { testId: 'count-mined', label: 'Mined', help: 'Included, status 1', value: (c) => c.mined, tone: 'ok' },
  { testId: 'count-reverted', label: 'Reverted', help: 'Included, status 0', value: (c) => c.reverted, tone: 'bad' },
  { testId: 'count-failed', label: 'Failed', help: 'Refused by the node', value: (c) => c.failed, tone: 'bad' },
  { testId: 'count-dropped', label: 'Dropped', help: 'Accepted, never mined', value: (c) => c.dropped, tone: 'warn' },
  { testId: 'count-cancelled', label: 'Cancelled', help: 'Never sent: the run stopped', value: (c) => c.cancelled },
  {
    testId: 'count-unconfirmed',
    label: 'Unconfirmed',
    help: 'Sent, but the chain cannot tell its fate: the node lost it, or the node was lost',
    value: (c) => c.unconfirmed,
    tone: 'warn',
  },
]

const pct = (n: number | null) => (n == null ? '—' : `${n.toFixed(n >= 99.95 || n === 0 ? 0 : 1)} %`)

function formatEta(f: ProgressFigures): string {
  if (f.terminal) return 'done'
  return f.etaSec == null ? '—' : formatDuration(f.etaSec * 1000)
}

type Props = { run: RunSummary; stats: LiveStats | null; counts: TxCounts }

/** Where the run stands: state, progress, a counter per lifecycle state, pace, latency and the chain. */
export function TestProgress({ run, stats, counts }: Props) {
  const f = progressFigures(run, stats, counts)
  const pace = f.rates.window === 'recent' ? 'now' : 'avg'
  return (
    <section className="progress-panel" aria-label="Progress" data-testid="test-progress">
      <div className="progress-head">
        <StatusBadge status={f.status} />
        <span className="small">
          <span className="muted">Elapsed</span>{' '}
          <strong data-testid="run-duration">{formatDuration(f.elapsedMs)}</strong>
        </span>
        <span className="small">
          <span className="muted">ETA</span> <strong data-testid="run-eta">{formatEta(f)}</strong>
        </span>
        <span className="small progress-done">
          <strong>{formatInt(f.finished)}</strong> <span className="muted">of {formatInt(counts.planned)} done</span>{' '}
          <strong>{f.pct.toFixed(f.pct === 100 ? 0 : 1)} %</strong>
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Transactions finished"
        aria-valuemin={0}
        aria-valuemax={counts.planned}
        aria-valuenow={f.finished}
        data-testid="progress-bar"
      >
        <div className={`progress-fill${f.terminal ? ' is-done' : ''}`} style={{ width: `${f.pct}%` }} />
      </div>

      <ThresholdBadges verdicts={stats?.thresholds} />

      <section className="tiles" aria-label="Transactions by state">
        {tiles.map(({ testId, label, help, value, tone }) => {
          const n = value(counts, f)
          return (
            <div key={testId} className={`tile${tone && n > 0 ? ` tile-${tone}` : ''}`} title={help}>
              <div className="tile-label">{label}</div>
              <div className="tile-value" data-testid={testId}>
                {n}
              </div>
            </div>
          )
        })}
      </section>

      <dl className="stats stats-wide" aria-label="Performance">
        <div>
          <dt>Sent tx/s ({pace})</dt>
          <dd data-testid="run-sent-rate">{formatRate(f.rates.sent)}</dd>
        </div>
        <div>
          <dt>Mined tx/s ({pace})</dt>
          <dd data-testid="run-mined-rate">{formatRate(f.rates.mined)}</dd>
        </div>
        <div>
          <dt>In flight</dt>
          <dd data-testid="run-in-flight">{f.inFlight}</dd>
        </div>
        <div>
          <dt>Success</dt>
          <dd data-testid="run-success">{pct(f.successPct)}</dd>
        </div>
        <div>
          <dt>Latency p50</dt>
          <dd data-testid="latency-p50">{formatMs(f.latency.p50)}</dd>
        </div>
        <div>
          <dt>p95</dt>
          <dd data-testid="latency-p95">{formatMs(f.latency.p95)}</dd>
        </div>
        <div>
          <dt>p99</dt>
          <dd data-testid="latency-p99">{formatMs(f.latency.p99)}</dd>
        </div>
        <div>
          <dt>Block</dt>
          <dd data-testid="run-block">{f.block ? formatInt(f.block.number) : '—'}</dd>
        </div>
        <div>
          <dt>Gas full</dt>
          <dd data-testid="run-gas-full" title={f.block ? `${f.block.txs} txs, ${f.block.ours} ours` : undefined}>
            {pct(f.gasPct)}
          </dd>
        </div>
        <div>
          <dt>Mining</dt>
          <dd data-testid="run-mining">{f.mining ?? '—'}</dd>
        </div>
      </dl>
    </section>
  )
}
