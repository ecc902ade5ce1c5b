'use client'

import { type LabelCounts, labelFigures } from '@/services/metrics/label-counts'
import { formatInt } from '../format'

const pct = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)} %` : '—')

/**
 * The run's txs per call (a workload's call rows, or each function): sent, mined, reverted,
 * failed, and each call's share of the txs so far; live from the stream, from the report after.
 */
export function CallCounters({ labels }: { labels: readonly LabelCounts[] }) {
  const all = labels.reduce((n, l) => n + l.planned, 0)
  return (
    <section className="card live-panel" data-testid="call-counters" aria-label="Calls">
      <div className="section-head">
        <h2>Calls</h2>
        <span className="muted small">
          {labels.length} kinds of call · {formatInt(all)} txs so far
        </span>
      </div>
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th>Call</th>
              <th className="num" title="Reached the node">
                Sent
              </th>
              <th className="num">Mined</th>
              <th className="num" title="Included, but the call reverted">
                Reverted
              </th>
              <th className="num" title="Ended without being included: failed, dropped or unconfirmed">
                Failed
              </th>
              <th className="num" title="This call's txs ÷ all txs so far">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {labels.map((l) => {
              const f = labelFigures(l)
              return (
                <tr
                  key={l.label}
                  data-testid="call-counter-row"
                  data-label={l.label}
                  data-txs={f.txs}
                  data-sent={f.sent}
                  data-mined={f.mined}
                  data-reverted={f.reverted}
                  data-failed={f.failed}
                >
                  <td className="mono">{l.label || '(no label)'}</td>
                  <td className="num">{formatInt(f.sent)}</td>
                  <td className="num">{formatInt(f.mined)}</td>
                  <td className={`num${f.reverted ? ' text-warn' : ''}`}>{formatInt(f.reverted)}</td>
                  <td className={`num${f.failed ? ' text-bad' : ''}`}>{formatInt(f.failed)}</td>
                  <td className="num">{pct(f.txs, all)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
