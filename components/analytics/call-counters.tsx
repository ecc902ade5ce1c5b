'use client'

import type { TestConfigInput } from '@/services/config/schema'
import { type LabelCounts, labelFigures } from '@/services/metrics/label-counts'
import { pctOf } from '@/services/run-model/counts'
import { callLabels, type LabelledCall } from '@/services/scenarios/workload/call-labels'
import { formatInt } from '../format'

export type PlannedShare = { label: string; share: number }

/** A workload's mix as its config says: each call row's label and weight ÷ Σ weights (null for other scenarios). */
export function plannedShares(config: TestConfigInput): PlannedShare[] | null {
  const s = config.scenario as { name?: unknown; calls?: unknown } | string | undefined
  if (typeof s !== 'object' || s.name !== 'workload' || !Array.isArray(s.calls)) return null
  const calls = s.calls as (LabelledCall & { weight?: unknown })[]
  const weights = calls.map((c) => (typeof c.weight === 'number' && c.weight > 0 ? c.weight : 0))
  const total = weights.reduce((a, b) => a + b, 0)
  return callLabels(calls).map((label, i) => ({ label, share: total ? weights[i]! / total : 0 }))
}

/** The mix's order first (as the form listed the calls), then any other label as it appeared. */
function ordered(labels: readonly LabelCounts[], plan: readonly PlannedShare[] | null): LabelCounts[] {
  if (!plan) return [...labels]
  const rank = (l: string) => {
    const i = plan.findIndex((p) => p.label === l)
    return i === -1 ? plan.length : i
  }
  return [...labels].sort((a, b) => rank(a.label) - rank(b.label))
}

/** A share as shown: the run model's one rounding (pctOf), printed to one decimal. */
const pct = (part: number, whole: number) => {
  const share = pctOf(part, whole)
  return share === null ? '—' : `${share.toFixed(1)} %`
}

/**
 * The run's txs per call (a workload's call rows, or each function): sent, mined, reverted,
 * failed, and each call's share of the txs so far; live from the stream, from the report after.
 */
export function CallCounters({
  labels,
  plan,
}: {
  labels: readonly LabelCounts[]
  /** A workload's planned shares: a column to compare the share so far with. */
  plan: readonly PlannedShare[] | null
}) {
  const all = labels.reduce((n, l) => n + l.planned, 0)
  return (
    <section className="card live-panel call-counters" data-testid="call-counters" aria-label="Calls">
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
              {plan && (
                <th className="num" title="weight ÷ Σ weights">
                  Planned
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {ordered(labels, plan).map((l) => {
              const f = labelFigures(l)
              const planned = plan?.find((p) => p.label === l.label)
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
                  {plan && <td className="num muted">{planned ? pct(planned.share, 1) : '—'}</td>}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
