'use client'

import type { ErrorGroupRow } from '@/services/live/frames'
import { formatTime } from '../format'

type Props = {
  errors: readonly ErrorGroupRow[]
  onPick: (group: ErrorGroupRow) => void
  /** The group the tx log is filtered to, if any: shown as selected. */
  picked?: { kind: string; label: string } | null
}

/** HH:MM:SS: the run's day is in the header already. */
const clock = (at: number) => formatTime(at).slice(11)

/**
 * Errors grouped by class and function, biggest first, each with what to do about it. Picking a
 * group shows its transactions in the tx log.
 */
export function ErrorGroupsPanel({ errors, onPick, picked }: Props) {
  const groups = [...errors].sort((a, b) => b.count - a.count)
  return (
    <section className="card live-panel" data-testid="error-groups" aria-label="Errors">
      <div className="section-head">
        <h2>Errors</h2>
        <span className="muted small">{groups.length ? 'Pick one to see its transactions' : ''}</span>
      </div>
      {groups.length === 0 ? (
        <p className="muted small">No errors so far.</p>
      ) : (
        <ul className="error-groups live-scroll">
          {groups.map((g) => {
            const on = picked?.kind === g.kind && picked.label === g.label
            return (
              <li key={`${g.kind}|${g.label}`} data-testid="error-group" data-kind={g.kind} data-label={g.label}>
                <button
                  type="button"
                  className={`error-group${on ? ' is-on' : ''}`}
                  aria-pressed={on}
                  onClick={() => onPick(g)}
                >
                  <span className="error-group-head">
                    <span className="error-group-title">{g.title}</span>
                    {g.label && <span className="arg-type">{g.label}</span>}
                    <span className="error-group-count" data-testid="error-group-count">
                      {g.count}
                      {g.retried > 0 && <span className="muted small"> ({g.retried} retried)</span>}
                    </span>
                  </span>
                  <span className="error-group-hint">{g.hint}</span>
                  <span className="error-group-sample mono" title={g.sample}>
                    {g.sample}
                  </span>
                  <span className="muted small">
                    first {clock(g.firstAt)} · last {clock(g.lastAt)}
                  </span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
