'use client'

import type { SavedTest } from '@/services/runs/saved-tests'

/** Pick a saved test to load it; duplicate or delete the one loaded. */
export function SavedTestsBar({
  tests,
  savedId,
  busy,
  onLoad,
  onDuplicate,
  onDelete,
}: {
  tests: readonly SavedTest[]
  savedId: string | null
  busy: boolean
  onLoad: (test: SavedTest | null) => void
  onDuplicate: () => void
  onDelete: () => void
}) {
  return (
    <div className="saved-bar" data-testid="saved-bar">
      <label htmlFor="saved-test" className="saved-label">
        Saved tests
      </label>
      <select
        id="saved-test"
        value={savedId ?? ''}
        disabled={busy}
        onChange={(e) => onLoad(tests.find((t) => t.id === e.target.value) ?? null)}
        data-testid="saved-select"
      >
        <option value="">{tests.length ? '— new test —' : 'none saved yet'}</option>
        {tests.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={!savedId || busy}
        onClick={onDuplicate}
        data-testid="duplicate-test"
      >
        Duplicate
      </button>
      <button
        type="button"
        className="button button-danger button-small"
        disabled={!savedId || busy}
        onClick={onDelete}
        data-testid="delete-test"
      >
        Delete
      </button>
    </div>
  )
}
