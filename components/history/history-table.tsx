'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'
import type { RunSummary } from '@/services/runs/types'
import type { ApiErrorBody } from '../api-client'
import { confirmAndDelete } from './delete-run'
import { HistoryRow } from './history-row'

/** Picking two runs for a comparison: the older one is the baseline. */
function compareHref(runs: readonly RunSummary[], ids: readonly string[]): string | null {
  const picked = runs.filter((r) => ids.includes(r.id)).sort((a, b) => a.createdAt - b.createdAt)
  const [base, run] = picked
  if (picked.length !== 2 || !base || !run) return null
  return `/runs/compare?base=${encodeURIComponent(base.id)}&run=${encodeURIComponent(run.id)}`
}

/**
 * Every run with its config and headline numbers: tick two to compare them, re-run one's config,
 * delete a finished one.
 */
export function HistoryTable({ runs: listed }: { runs: RunSummary[] }) {
  const router = useRouter()
  // Deleted here: gone at once, before the refreshed list comes back from the server.
  const [deleted, setDeleted] = useState<ReadonlySet<string>>(new Set())
  const runs = listed.filter((r) => !deleted.has(r.id))
  const [selected, setSelected] = useState<string[]>([])
  const [deleting, setDeleting] = useState<string | null>(null)
  const [error, setError] = useState<ApiErrorBody | null>(null)

  // A third tick drops the first one: a comparison is always of two.
  const onSelect = (id: string, on: boolean) =>
    setSelected((s) => (on ? [...s.filter((x) => x !== id), id].slice(-2) : s.filter((x) => x !== id)))

  const onDelete = async (run: RunSummary) => {
    setDeleting(run.id)
    const result = await confirmAndDelete(run.id, run.name)
    setDeleting(null)
    if (!result) return
    if (!result.ok) {
      setError(result.error)
      return
    }
    setError(null)
    setDeleted((d) => new Set(d).add(run.id))
    setSelected((s) => s.filter((x) => x !== run.id))
    router.refresh()
  }

  const href = compareHref(runs, selected)
  return (
    <>
      <div className="history-bar">
        <span className="muted small" data-testid="history-selection">
          {selected.length === 2 ? 'Two runs picked: the older one is the baseline.' : 'Tick two runs to compare them.'}
        </span>
        <button
          type="button"
          className="button button-primary button-small"
          disabled={!href}
          onClick={() => href && router.push(href)}
          data-testid="compare-selected"
        >
          Compare selected
        </button>
      </div>
      {error && (
        <p className="alert alert-bad" data-testid="history-error">
          {error.message}
          {error.hint && <span className="hint">{error.hint}</span>}
        </p>
      )}
      {runs.length === 0 ? (
        <p className="empty" data-testid="runs-empty">
          No runs left. <a href="/test">Start one.</a>
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table history-table" data-testid="runs-table">
            <thead>
              <tr>
                <th aria-label="Compare" />
                <th>Run</th>
                <th>Status</th>
                <th className="num" title="transactions planned">
                  Txs
                </th>
                <th className="num" title="sender accounts">
                  Accounts
                </th>
                <th className="num" title="mined / failed + dropped">
                  Mined / failed
                </th>
                <th className="num" title="mined transactions per second">
                  tx/s
                </th>
                <th className="num">p95 latency</th>
                <th className="num">Duration</th>
                <th>Created</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <HistoryRow
                  key={run.id}
                  run={run}
                  selected={selected.includes(run.id)}
                  deleting={deleting === run.id}
                  onSelect={onSelect}
                  onDelete={onDelete}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
