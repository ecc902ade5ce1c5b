import Link from 'next/link'
import type { RunSummary } from '@/services/runs/types'
import { formatMs, formatRate, formatTime, shortId } from './format'
import { StatusBadge } from './status-badge'

/** The scenario a run's config names (a bare name or `{ name, … }`); ETH transfers when it names none. */
export function scenarioName(run: RunSummary): string {
  const s: unknown = run.config.scenario
  if (typeof s === 'string') return s
  if (typeof s === 'object' && s !== null && 'name' in s && typeof s.name === 'string') return s.name
  return 'transfer'
}

/** Runs as rows; server-rendered, so it needs no client JavaScript. */
export function RunsTable({ runs, empty }: { runs: RunSummary[]; empty: React.ReactNode }) {
  if (runs.length === 0)
    return (
      <p className="empty" data-testid="runs-empty">
        {empty}
      </p>
    )
  return (
    <div className="table-wrap">
      <table className="table" data-testid="runs-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Status</th>
            <th>Mode</th>
            <th>Scenario</th>
            <th className="num" title="mined / failed / planned">
              Mined / failed / planned
            </th>
            <th className="num" title="mined transactions per second">
              tx/s
            </th>
            <th className="num">p95 latency</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid={`run-row-${run.id}`}>
              <td>
                <Link href={`/runs/${run.id}`} className="mono">
                  {shortId(run.id)}
                </Link>
                {run.name && <span className="run-name">{run.name}</span>}
              </td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td>{run.config.mode ?? 'concurrent'}</td>
              <td>{scenarioName(run)}</td>
              <td className="num">
                {run.counts.mined} / <span className={run.counts.failed ? 'text-bad' : ''}>{run.counts.failed}</span> /{' '}
                {run.counts.planned}
              </td>
              <td className="num">{formatRate(run.throughput.minedPerSec)}</td>
              <td className="num">{formatMs(run.latencyMs.p95)}</td>
              <td className="nowrap">{formatTime(run.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
