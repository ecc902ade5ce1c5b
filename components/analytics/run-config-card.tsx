import type { RunSummary } from '@/services/runs/types'
import { formatTime } from '../format'

/** How the run was set up, and when it ran. */
export function RunConfigCard({ run }: { run: RunSummary }) {
  const { config } = run
  return (
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
  )
}
