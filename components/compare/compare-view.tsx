'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useMemo, useState } from 'react'
import type { RunComparison } from '@/services/runs/compare-stored-runs'
import { rejudge } from '@/services/runs/metric-deltas'
import { shortId } from '../format'
import { StatusBadge } from '../status-badge'
import { CompareTable } from './compare-table'
import { OverlayCharts } from './overlay-charts'
import { type RunOption, RunPickers } from './run-pickers'

type Props = {
  runs: readonly RunOption[]
  baseId: string
  runId: string
  tolerancePct: number
  /** The server's comparison of baseId and runId, or why there is none. */
  comparison: RunComparison | null
  problem: { message: string; hint?: string } | null
}

const compareUrl = (base: string, run: string, tolerance: string) => {
  const q = new URLSearchParams()
  if (base) q.set('base', base)
  if (run) q.set('run', run)
  if (tolerance) q.set('tolerance', tolerance)
  return `/runs/compare?${q}`
}

/**
 * The comparison page's live part. Picking runs navigates (the server compares them); the
 * tolerance only re-judges the rows here, so typing in it is instant and needs no request.
 */
export function CompareView({ runs, baseId, runId, tolerancePct, comparison, problem }: Props) {
  const router = useRouter()
  const [tolerance, setTolerance] = useState(String(tolerancePct))
  const parsed = Number(tolerance)
  const valid = tolerance.trim() !== '' && Number.isFinite(parsed) && parsed >= 0 && parsed <= 1000
  const effective = valid ? parsed : tolerancePct
  const rows = useMemo(() => (comparison ? rejudge(comparison.rows, effective) : []), [comparison, effective])

  const onTolerance = (value: string) => {
    setTolerance(value)
    // Keeps the address shareable without asking the server for the same runs again.
    window.history.replaceState(null, '', compareUrl(baseId, runId, value))
  }

  return (
    <>
      <RunPickers
        runs={runs}
        baseId={baseId}
        runId={runId}
        tolerance={tolerance}
        toleranceInvalid={!valid}
        onPick={(b, r) => router.push(compareUrl(b, r, tolerance))}
        onTolerance={onTolerance}
      />
      {problem && (
        <p className="alert alert-bad" data-testid="compare-problem">
          {problem.message}
          {problem.hint && <span className="hint">{problem.hint}</span>}
        </p>
      )}
      {!comparison && !problem && (
        <p className="empty" data-testid="compare-empty">
          Choose a baseline and a run to compare.
        </p>
      )}
      {comparison && (
        <>
          <div className="compare-runs">
            <RunCard caption="Baseline" run={comparison.base} />
            <span className="compare-vs muted">vs</span>
            <RunCard caption="This run" run={comparison.run} />
          </div>
          <CompareTable rows={rows} tolerancePct={effective} />
          <p className="muted small compare-legend">
            Δ = (this run − baseline) / baseline. <span className="text-ok">Green</span> is better,{' '}
            <span className="text-bad">red</span> is worse, grey is within ±{effective} %; counts scale with the planned
            txs. Charts line both runs up by seconds since each one started.
          </p>
          <OverlayCharts base={comparison.series.base} run={comparison.series.run} />
        </>
      )}
    </>
  )
}

function RunCard({ caption, run }: { caption: string; run: RunComparison['base'] }) {
  return (
    <div className="compare-run card">
      <span className="tile-label">{caption}</span>
      <div>
        <Link href={`/runs/${run.id}`} className="mono">
          {shortId(run.id)}
        </Link>
        {run.name && <span className="run-name">{run.name}</span>} <StatusBadge status={run.status} />
      </div>
      <span className="muted small">
        {run.config.mode ?? 'concurrent'} · {run.counts.planned} txs
      </span>
    </div>
  )
}
