import type { Metadata } from 'next'
import Link from 'next/link'
import { HistoryTable } from '@/components/history/history-table'
import { loadRuns } from '../_data/queries'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Runs' }

/** Run history: every run with its numbers; compare two, re-run one, delete finished ones. */
export default function RunsPage() {
  const runs = loadRuns()
  return (
    <section>
      <div className="section-head">
        <h1>Runs</h1>
        <Link href="/runs/compare" data-testid="compare-link">
          Compare runs →
        </Link>
      </div>
      {!runs.ok ? (
        <p className="alert alert-bad">
          {runs.message}
          {runs.hint && <span className="hint">{runs.hint}</span>}
        </p>
      ) : runs.value.length === 0 ? (
        <p className="empty" data-testid="runs-empty">
          No runs yet. <Link href="/">Start one from the home page.</Link>
        </p>
      ) : (
        <HistoryTable runs={runs.value} />
      )}
    </section>
  )
}
