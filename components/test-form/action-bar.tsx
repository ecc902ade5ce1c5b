'use client'

import type { FieldIssue } from '@/services/errors/base'
import type { ApiErrorBody } from '../api-client'

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'failed'; message: string }

/**
 * Launch and save. Launch stays disabled while any field has an error (the count says how many);
 * errors about fields the form does not show are listed here, so none is hidden.
 */
export function ActionBar({
  issueCount,
  otherIssues,
  chainUnconfirmed,
  launching,
  launchError,
  onLaunch,
  savedId,
  dirty,
  save,
  onSave,
  onSaveAsNew,
}: {
  issueCount: number
  otherIssues: FieldIssue[]
  /** The chain is not a local dev chain and its name has not been typed yet. */
  chainUnconfirmed: boolean
  launching: boolean
  launchError: ApiErrorBody | null
  onLaunch: () => void
  savedId: string | null
  dirty: boolean
  save: SaveStatus
  onSave: () => void
  onSaveAsNew: () => void
}) {
  const saving = save.kind === 'saving'
  return (
    <div className="card actions" data-testid="actions">
      {otherIssues.length > 0 && (
        <ul className="alert alert-bad issue-list" data-testid="other-issues">
          {otherIssues.map((i) => (
            <li key={`${i.field}:${i.message}`}>
              <code>{i.field}</code> {i.message}
            </li>
          ))}
        </ul>
      )}
      {launchError && (
        <div className="alert alert-bad" role="alert" data-testid="launch-error">
          {launchError.message}
          {launchError.hint && <span className="hint">{launchError.hint}</span>}
        </div>
      )}
      <div className="actions-row">
        <button
          type="button"
          className="button button-primary button-large"
          disabled={issueCount > 0 || chainUnconfirmed || launching}
          onClick={onLaunch}
          aria-describedby="launch-note"
          data-testid="launch"
        >
          {launching ? 'Launching…' : 'Launch test'}
        </button>
        <span
          id="launch-note"
          className={issueCount || chainUnconfirmed ? 'small text-bad' : 'small muted'}
          data-testid="launch-note"
        >
          {issueCount
            ? `${issueCount} field${issueCount === 1 ? '' : 's'} to fix first`
            : chainUnconfirmed
              ? 'Confirm the chain above first'
              : 'Opens the run’s page.'}
        </span>
      </div>
      <div className="actions-row">
        <button
          type="button"
          className="button button-secondary"
          disabled={saving}
          onClick={onSave}
          data-testid="save-test"
        >
          {savedId ? 'Save changes' : 'Save test'}
        </button>
        {savedId && (
          <button
            type="button"
            className="button button-secondary"
            disabled={saving}
            onClick={onSaveAsNew}
            data-testid="save-as-new"
          >
            Save as new
          </button>
        )}
        <span className="small" aria-live="polite" data-testid="save-status">
          {save.kind === 'saving' && <span className="muted">Saving…</span>}
          {save.kind === 'saved' && !dirty && <span className="text-ok">Saved {save.at}</span>}
          {save.kind === 'failed' && <span className="text-bad">{save.message}</span>}
          {dirty && savedId && save.kind !== 'saving' && save.kind !== 'failed' && (
            <span className="muted">Unsaved changes</span>
          )}
        </span>
      </div>
    </div>
  )
}
