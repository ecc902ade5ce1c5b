import type { Metadata } from 'next'
import Link from 'next/link'
import { CompareView } from '@/components/compare/compare-view'
import type { RunOption } from '@/components/compare/run-pickers'
import { formatTime, shortId } from '@/components/format'
import { defaultTolerancePct } from '@/services/runs/metric-deltas'
import type { RunSummary } from '@/services/runs/types'
import { loadComparison } from '../../_data/compare'
import { loadRuns } from '../../_data/queries'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Compare runs' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? ''

/** "1a2b3c4d · name · 200 txs · completed · 2025-01-02 10:11:12": enough to tell runs apart in a select. */
function optionOf(run: RunSummary): RunOption {
  const parts = [shortId(run.id), run.name, `${run.counts.planned} txs`, run.status, formatTime(run.createdAt)]
  return { id: run.id, label: parts.filter(Boolean).join(' · ') }
}

/** `?base=<id>&run=<id>&tolerance=5`: one run against a baseline, numbers and overlaid charts. */
export default async function ComparePage({ searchParams }: Props) {
  const raw = await searchParams
  const params = new URLSearchParams()
  for (const key of ['base', 'run', 'tolerance']) if (first(raw[key])) params.set(key, first(raw[key]))
  const runs = loadRuns()
  const loaded = loadComparison(params)
  const tolerance = Number(params.get('tolerance') ?? defaultTolerancePct)
  return (
    <section className="compare" data-testid="compare-page">
      <Link href="/runs" className="back">
        ← All runs
      </Link>
      <h1>Compare runs</h1>
      <CompareView
        runs={runs.ok ? runs.value.map(optionOf) : []}
        baseId={params.get('base') ?? ''}
        runId={params.get('run') ?? ''}
        tolerancePct={Number.isFinite(tolerance) && tolerance >= 0 ? tolerance : defaultTolerancePct}
        comparison={loaded.ok ? loaded.value : null}
        problem={
          loaded.ok
            ? runs.ok
              ? null
              : { message: runs.message, ...(runs.hint ? { hint: runs.hint } : {}) }
            : { message: loaded.message, ...(loaded.hint ? { hint: loaded.hint } : {}) }
        }
      />
    </section>
  )
}
