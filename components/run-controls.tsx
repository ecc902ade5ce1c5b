'use client'

import { useState } from 'react'
import type { RunStatus, RunSummary } from '@/services/runs/types'
import { callApi } from './api-client'

type Action = 'pause' | 'resume' | 'stop' | 'continue' | 'close'

const labels: Record<Action, [idle: string, busy: string]> = {
  pause: ['Pause', 'Pausing…'],
  resume: ['Resume', 'Resuming…'],
  stop: ['Stop', 'Stopping…'],
  continue: ['Continue', 'Continuing…'],
  close: ['Close', 'Closing…'],
}

/** Which controls a run offers in each status. */
function actionsFor(status: RunStatus): Action[] {
  if (status === 'running') return ['pause', 'stop']
  if (status === 'paused') return ['resume', 'stop']
  if (status === 'interrupted') return ['continue', 'close']
  if (status === 'completed' || status === 'stopped' || status === 'failed') return []
  return ['stop']
}

/**
 * Pause, resume and stop a live run; continue or close one a crash interrupted. The run's page
 * learns the outcome through its polling; a continuation opens the new run's page.
 */
export function RunControls({ run, onChange }: { run: RunSummary; onChange: (run: RunSummary) => void }) {
  const [busy, setBusy] = useState<Action | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function act(action: Action) {
    setBusy(action)
    setError(null)
    const url = `/api/runs/${encodeURIComponent(run.id)}/${action}`
    if (action === 'continue') {
      const result = await callApi<{ id: string }>(url, { method: 'POST' })
      setBusy(null)
      if (result.ok) window.location.assign(`/runs/${encodeURIComponent(result.data.id)}`)
      else setError(result.error.message)
      return
    }
    const result = await callApi<RunSummary>(url, { method: 'POST' })
    setBusy(null)
    if (result.ok) onChange(result.data)
    else setError(result.error.message)
  }

  const actions = actionsFor(run.status)
  if (!actions.length) return null
  return (
    <span className="stop">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={action === 'stop' || action === 'close' ? 'button button-danger' : 'button'}
          onClick={() => act(action)}
          disabled={busy !== null}
          data-testid={`${action}-run`}
        >
          {busy === action ? labels[action][1] : labels[action][0]}
        </button>
      ))}
      {error && (
        <span className="field-error" role="alert" data-testid="run-control-error">
          {error}
        </span>
      )}
    </span>
  )
}
