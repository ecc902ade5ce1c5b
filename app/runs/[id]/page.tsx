import type { Metadata } from 'next'
import { shortId } from '@/components/format'
import { RunDetail } from '@/components/run-detail'
import { loadRun } from '../../_data/queries'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ id: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params
  return { title: `Run ${shortId(id)}` }
}

export default async function RunPage({ params }: Props) {
  const { id } = await params
  // The server render shows the run as it is now; the client component takes over the updates.
  // Keyed by id so navigating between runs resets its polling state.
  const run = loadRun(id)
  return <RunDetail key={run.id} initial={run} />
}
