'use client'

import { useState } from 'react'
import type { RunSummary } from '@/services/runs/types'
import { callApi } from './api-client'

/** Asks the server to stop the run; the run drains, so "stopped" arrives later through polling. */
export function StopButton({ runId, onStopped }: { runId: string; onStopped: (run: RunSummary) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function stop() {
    setBusy(true)
    setError(null)
    const result = await callApi<RunSummary>(`/api/runs/${encodeURIComponent(runId)}/stop`, { method: 'POST' })
    setBusy(false)
    if (result.ok) onStopped(result.data)
    else setError(result.error.message)
  }

  return (
    <span className="stop">
      <button type="button" className="button button-danger" onClick={stop} disabled={busy} data-testid="stop-run">
        {busy ? 'Stopping…' : 'Stop'}
      </button>
      {error && (
        <span className="field-error" role="alert" data-testid="stop-error">
          {error}
        </span>
      )}
    </span>
  )
}
