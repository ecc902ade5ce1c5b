'use client'

export type RunOption = { id: string; label: string }

type Props = {
  runs: readonly RunOption[]
  baseId: string
  runId: string
  tolerance: string
  onPick: (baseId: string, runId: string) => void
  onTolerance: (value: string) => void
  toleranceInvalid: boolean
}

/** Which run is the baseline, which is compared with it, and how much change counts as none. */
export function RunPickers({ runs, baseId, runId, tolerance, onPick, onTolerance, toleranceInvalid }: Props) {
  const options = (
    <>
      <option value="">Choose a run…</option>
      {runs.map((r) => (
        <option key={r.id} value={r.id}>
          {r.label}
        </option>
      ))}
    </>
  )
  return (
    <div className="form compare-pickers card">
      <label className="field">
        <span className="compare-picker-name">Baseline</span>
        <select value={baseId} onChange={(e) => onPick(e.target.value, runId)} data-testid="compare-base-select">
          {options}
        </select>
      </label>
      <button
        type="button"
        className="button button-secondary button-small compare-swap"
        onClick={() => onPick(runId, baseId)}
        disabled={!baseId || !runId}
        title="Swap baseline and run"
        data-testid="compare-swap"
      >
        ⇄
      </button>
      <label className="field">
        <span className="compare-picker-name">This run</span>
        <select value={runId} onChange={(e) => onPick(baseId, e.target.value)} data-testid="compare-run-select">
          {options}
        </select>
      </label>
      <label className="field compare-tolerance">
        <span className="compare-picker-name">Tolerance (±%)</span>
        <input
          type="number"
          min={0}
          max={1000}
          step={0.5}
          inputMode="decimal"
          value={tolerance}
          onChange={(e) => onTolerance(e.target.value)}
          aria-invalid={toleranceInvalid || undefined}
          data-testid="compare-tolerance"
        />
      </label>
    </div>
  )
}
