import type { RunStatus } from '@/services/runs/types'
import { statusTone } from './run-status'

export function StatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  return (
    <span className={`badge badge-${statusTone(status)}`} data-testid={testId}>
      {status}
    </span>
  )
}
