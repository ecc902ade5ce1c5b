import type { RunStatus } from '@/services/runs/types'

const csvTables = [
  ['txs', 'Transactions'],
  ['functions', 'Functions'],
  ['errors', 'Errors'],
  ['accounts', 'Accounts'],
] as const

/**
 * A finished run's reports as downloads: the self-contained HTML file, the JSON report and the CSV
 * tables. Plain links: the browser downloads them with the page's own session (cookie) if any.
 */
export function ReportDownloads({ runId, status }: { runId: string; status: RunStatus }) {
  const base = `/api/runs/${encodeURIComponent(runId)}`
  const short = runId.slice(0, 8)
  return (
    <section className="card report-downloads" data-testid="report-downloads" aria-label="Reports">
      <h2>Reports</h2>
      {status === 'interrupted' ? (
        <p className="muted small">Close or continue this run first: its report is written when it is settled.</p>
      ) : (
        <div className="download-links">
          <a className="button button-primary button-small" href={`${base}/report.html`} data-testid="download-html">
            HTML report
          </a>
          <a
            className="button button-secondary button-small"
            href={`${base}/report.json`}
            download={`evm-stress-${short}.json`}
            data-testid="download-json"
          >
            JSON
          </a>
          <span className="muted small">CSV:</span>
          {csvTables.map(([table, label]) => (
            <a
              key={table}
              className="button button-secondary button-small"
              href={`${base}/report.csv?table=${table}`}
              data-testid={`download-csv-${table}`}
            >
              {label}
            </a>
          ))}
        </div>
      )}
      <p className="muted small">
        The HTML file opens offline (charts and tables, no per-tx rows); the transactions CSV has every tx.
      </p>
    </section>
  )
}
