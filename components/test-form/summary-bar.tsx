import type { RunPreview } from '@/services/runs/preview-types'
import { formatEth, formatInt } from '../format'

/**
 * Laptop widths (one column): the preview's headline stays in view at the bottom of the window
 * while the form is edited, with a link down to the full preview and the launch button.
 */
export function SummaryBar({ preview, issueCount }: { preview: RunPreview | null; issueCount: number }) {
  const warnings = preview?.warnings.length ?? 0
  return (
    <div className="summary-bar" data-testid="summary-bar">
      <span className="summary-facts">
        {preview ? (
          <>
            <strong>{formatInt(preview.planned)}</strong> txs · <strong>{formatInt(preview.accounts.total)}</strong>{' '}
            accounts · about <strong>{formatEth(preview.cost.totalWei, 4)}</strong>
          </>
        ) : (
          <span className="muted">No preview yet</span>
        )}
      </span>
      {warnings > 0 && <span className="badge badge-warn">{warnings} warning(s)</span>}
      {issueCount > 0 && <span className="badge badge-bad">{issueCount} field(s) to fix</span>}
      <a className="button button-secondary button-small summary-link" href="#preview-title">
        Preview and launch ↓
      </a>
    </div>
  )
}
