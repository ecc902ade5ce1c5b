'use client'

import Link from 'next/link'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorGroupRow } from '@/services/live/frames'
import type { LabelCounts } from '@/services/metrics/label-counts'
import type { RunSummary } from '@/services/runs/types'
import { AccountsPanel } from './analytics/accounts-panel'
import { CallCounters, plannedShares } from './analytics/call-counters'
import { RunCharts } from './analytics/charts/run-charts'
import { ErrorGroupsPanel } from './analytics/error-groups-panel'
import { LimitNote } from './analytics/limit-note'
import { RunConfigCard } from './analytics/run-config-card'
import { TestProgress } from './analytics/TestProgress'
import { emptyFilter, type TxFilter } from './analytics/tx-filter'
import { TxLog } from './analytics/tx-log'
import { useRunStream } from './analytics/use-run-stream'
import { shortId } from './format'
import { ReportDownloads } from './report-downloads'
import { RunControls } from './run-controls'
import { StatusBadge } from './status-badge'
import { useRunPolling } from './use-run-polling'

/** Per-call counters say something when the run has several calls (or is a workload, whose calls are its design). */
function showsCalls(run: RunSummary, labels: readonly LabelCounts[] | undefined): boolean {
  const scenario = run.config.scenario
  const workload =
    typeof scenario === 'object' && scenario !== null && 'name' in scenario && scenario.name === 'workload'
  return (labels?.length ?? 0) > 1 || (workload && labels !== undefined)
}

/**
 * One run, live and after the end. The polled summary drives the header and the controls; the
 * numbers, charts, tx log and panels come from the run's event stream.
 */
export function RunDetail({ initial }: { initial: RunSummary }) {
  const { run, setRun, stale, terminal, refresh } = useRunPolling(initial)
  const stream = useRunStream(run.id, true)
  // The stream hears of a new status first (running, paused, completed): the header follows at once.
  const streamStatus = stream.stats?.status
  useEffect(() => {
    if (streamStatus) void refresh()
  }, [streamStatus, refresh])
  const [filter, setFilter] = useState<TxFilter>(emptyFilter)
  const logRef = useRef<HTMLElement>(null)

  // Polling can see the end a moment before the stream's end frame arrives: until then the
  // polled counts are the final ones, so a finished run never shows numbers still catching up.
  const counts = stream.counts && !(terminal && stream.connection !== 'ended') ? stream.counts : run.counts

  const pickErrorGroup = useCallback((g: ErrorGroupRow) => {
    setFilter({ ...emptyFilter, errorKind: g.kind, label: g.label })
    logRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })
  }, [])
  const picked = filter.errorKind ? { kind: filter.errorKind, label: filter.label } : null

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

      <p className="live-line muted small">
        {!terminal && <span data-testid="run-live">{stale ? 'Lost contact with the server; retrying…' : 'Live'}</span>}
        <span className="live-stream">
          Stream{' '}
          <span
            className={`stream-status stream-${stream.connection}`}
            data-testid="stream-status"
            data-seq={stream.lastSeq}
          >
            {stream.connection}
          </span>
        </span>
      </p>

      {run.error && (
        <div className="alert alert-bad" data-testid="run-error">
          <strong>{run.error.code}</strong> {run.error.message}
          {run.error.hint && <span className="hint">{run.error.hint}</span>}
        </div>
      )}

      <TestProgress run={run} stats={stream.stats} counts={counts} />
      {terminal && <LimitNote limit={run.limit} />}
      {terminal && <ReportDownloads runId={run.id} status={run.status} />}
      <RunCharts series={stream.series} blocks={stream.blocks} markers={stream.markers} errors={stream.errors} />

      {showsCalls(run, stream.stats?.byLabel) && (
        <CallCounters labels={stream.stats?.byLabel ?? []} plan={plannedShares(run.config)} />
      )}

      <div className="grid-2 live-panels">
        <ErrorGroupsPanel errors={stream.errors} onPick={pickErrorGroup} picked={picked} />
        <AccountsPanel accounts={stream.accounts} />
      </div>

      <section className="live-log" ref={logRef} aria-label="Transactions">
        <TxLog
          runId={run.id}
          rows={stream.rows}
          rowsVersion={stream.rowsVersion}
          notHeld={stream.notHeld}
          filter={filter}
          onFilterChange={setFilter}
        />
      </section>

      <RunConfigCard run={run} />
    </article>
  )
}
