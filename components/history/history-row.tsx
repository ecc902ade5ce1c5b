import Link from 'next/link'
import type { RunSummary } from '@/services/runs/types'
import { formatDuration, formatMs, formatRate, formatTime, shortId } from '../format'
import { isTerminal } from '../run-status'
import { scenarioName } from '../runs-table'
import { StatusBadge } from '../status-badge'

/** Senders the run used: its report's count, else what the config asked for. */
function senderCount(run: RunSummary): number {
  return run.senders ?? run.config.impersonate?.length ?? run.config.accounts ?? 10
}

type Props = {
  run: RunSummary
  selected: boolean
  deleting: boolean
  onSelect: (id: string, on: boolean) => void
  onDelete: (run: RunSummary) => void
}

/** One past (or live) run: its config, headline numbers, and what can be done with it. */
export function HistoryRow({ run, selected, deleting, onSelect, onDelete }: Props) {
  const c = run.counts
  const bad = c.failed + c.dropped + c.unconfirmed
  return (
    <tr data-testid={`run-row-${run.id}`} className={selected ? 'is-selected' : undefined}>
      <td className="history-pick">
        <input
          type="checkbox"
          checked={selected}
          onChange={(e) => onSelect(run.id, e.target.checked)}
          aria-label={`Select run ${shortId(run.id)} to compare`}
          data-testid={`select-run-${run.id}`}
        />
      </td>
      <td>
        <Link href={`/runs/${run.id}`} className="mono">
          {shortId(run.id)}
        </Link>
        {run.name && <span className="run-name">{run.name}</span>}
        <div className="muted small" data-testid="history-mode">
          {run.config.mode ?? 'concurrent'} · {scenarioName(run)}
        </div>
      </td>
      <td>
        <StatusBadge status={run.status} />
      </td>
      <td className="num" data-testid="history-planned">
        {c.planned}
      </td>
      <td className="num">{senderCount(run)}</td>
      <td className="num nowrap" data-testid="history-mined-failed">
        {c.mined} / <span className={bad ? 'text-bad' : ''}>{bad}</span>
      </td>
      <td className="num" data-testid="history-rate">
        {formatRate(run.throughput.minedPerSec)}
      </td>
      <td className="num">{formatMs(run.latencyMs.p95)}</td>
      <td className="num nowrap">{formatDuration(run.durationMs)}</td>
      <td className="nowrap small">{formatTime(run.createdAt)}</td>
      <td className="nowrap">
        <div className="history-actions">
          <a
            href={`/test?run=${encodeURIComponent(run.id)}`}
            data-testid={`rerun-${run.id}`}
            title="Open this config in the form"
          >
            Re-run
          </a>
          {isTerminal(run.status) && (
            <button
              type="button"
              className="button button-danger button-small"
              onClick={() => onDelete(run)}
              disabled={deleting}
              data-testid={`delete-run-${run.id}`}
            >
              {deleting ? 'Deleting…' : 'Delete'}
            </button>
          )}
        </div>
      </td>
    </tr>
  )
}
