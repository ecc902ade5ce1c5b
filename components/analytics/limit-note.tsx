import { type Limit, limitLabels } from '@/services/metrics/limit'

/** What held a finished run's throughput back, as its report judged it (docs/metrics.md#limit). */
export function LimitNote({ limit }: { limit: Limit | null }) {
  if (!limit) return null
  return (
    <p className="alert alert-note" data-testid="run-limit" data-by={limit.by}>
      <strong>Limited by {limitLabels[limit.by]}:</strong> {limit.because}
      <span className="hint">{limit.hint}</span>
    </p>
  )
}
