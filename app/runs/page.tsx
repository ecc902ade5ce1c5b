import type { Metadata } from 'next'
import Link from 'next/link'
import { RunsTable } from '@/components/runs-table'
import { loadRuns } from '../_data/queries'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Runs' }

export default function RunsPage() {
  const runs = loadRuns()
  return (
    <section>
      <h1>Runs</h1>
      {runs.ok ? (
        <RunsTable
          runs={runs.value}
          empty={
            <>
              No runs yet. <Link href="/">Start one from the home page.</Link>
            </>
          }
        />
      ) : (
        <p className="alert alert-bad">
          {runs.message}
          {runs.hint && <span className="hint">{runs.hint}</span>}
        </p>
      )}
    </section>
  )
}
