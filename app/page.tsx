import Link from 'next/link'
import { NodeStatusCard } from '@/components/node-status-card'
import { QuickRunForm } from '@/components/quick-run-form'
import { RunsTable } from '@/components/runs-table'
import { loadNodeStatus, loadRuns } from './_data/queries'

// Live state of the node and the runs: never prerendered at build time, never cached.
export const dynamic = 'force-dynamic'

export default async function HomePage() {
  const node = await loadNodeStatus()
  const runs = loadRuns(10)
  return (
    <>
      <div className="grid-2">
        <NodeStatusCard node={node} />
        <QuickRunForm />
      </div>
      <section className="section">
        <div className="section-head">
          <h2>Recent runs</h2>
          <Link href="/runs">All runs →</Link>
        </div>
        {runs.ok ? (
          <RunsTable runs={runs.value} empty="No runs yet: start one with the form above." />
        ) : (
          <p className="alert alert-bad">{runs.message}</p>
        )}
      </section>
    </>
  )
}
