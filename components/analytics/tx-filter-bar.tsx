'use client'

import { memo, useEffect, useRef, useState } from 'react'
import { type TxState, txStates } from '@/services/testing/tx'
import { formatInt, shortHex } from '../format'
import { emptyFilter, isEmptyFilter, type TxFilter } from './tx-filter'
import type { TxLogView } from './tx-log-view'

/** Typing is not filtering: the text filter applies once the keys pause this long. */
const textDebounceMs = 150

type Props = {
  filter: TxFilter
  onFilterChange: (f: TxFilter) => void
  view: Pick<TxLogView, 'accounts' | 'labels' | 'errorKinds' | 'stateCounts'>
}

/**
 * The tx log's filters: states (checkboxes), account, function, error group, and free text.
 * Memoized: the menus can list thousands of accounts, and the log re-renders with every batch.
 */
export const TxFilterBar = memo(function TxFilterBar({ filter, onFilterChange, view }: Props) {
  const latest = useRef(filter)
  latest.current = filter
  const set = (patch: Partial<TxFilter>) => onFilterChange({ ...latest.current, ...patch })
  const toggleState = (s: TxState, on: boolean) =>
    set({
      states: on ? txStates.filter((x) => x === s || filter.states.includes(x)) : filter.states.filter((x) => x !== s),
    })

  return (
    <div className="tx-filters">
      <fieldset className="tx-filter-states" data-testid="filter-state">
        <legend className="sr-only">State</legend>
        {txStates.map((s) => (
          <label key={s} className={`tx-state-check${filter.states.includes(s) ? ' is-on' : ''}`}>
            <input
              type="checkbox"
              data-testid={`filter-state-${s}`}
              checked={filter.states.includes(s)}
              onChange={(e) => toggleState(s, e.target.checked)}
            />
            {s}
            <span className="muted">{formatInt(view.stateCounts[s] ?? 0)}</span>
          </label>
        ))}
      </fieldset>
      <div className="tx-filter-fields">
        <FilterSelect
          label="Account"
          testId="filter-account"
          value={filter.account}
          values={view.accounts}
          all="All accounts"
          show={(a) => shortHex(a)}
          onChange={(account) => set({ account })}
        />
        <FilterSelect
          label="Function"
          testId="filter-function"
          value={filter.label}
          values={view.labels}
          all="All functions"
          onChange={(label) => set({ label })}
        />
        <FilterSelect
          label="Error"
          testId="filter-error"
          value={filter.errorKind}
          values={view.errorKinds}
          all="All txs"
          onChange={(errorKind) => set({ errorKind })}
        />
        <TextFilter value={filter.text} onChange={(text) => set({ text })} />
        <button
          type="button"
          className="button button-secondary button-small"
          data-testid="filter-clear"
          disabled={isEmptyFilter(filter)}
          onClick={() => onFilterChange(emptyFilter)}
        >
          Clear filters
        </button>
      </div>
    </div>
  )
})

type SelectProps = {
  label: string
  testId: string
  value: string
  values: readonly string[]
  all: string
  show?: (v: string) => string
  onChange: (v: string) => void
}

function FilterSelect({ label, testId, value, values, all, show = (v) => v, onChange }: SelectProps) {
  // A chosen value stays listed even when no row has it (any more).
  const options = value && !values.includes(value) ? [value, ...values] : values
  return (
    <label className="tx-filter-field">
      <span className="tx-filter-label">{label}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((v) => (
          <option key={v} value={v} title={v}>
            {show(v)}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Its own state while typing; the filter gets the text after a pause, or at once when cleared from outside. */
function TextFilter({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const [text, setText] = useState(value)
  const sent = useRef(value)
  const change = useRef(onChange)
  change.current = onChange

  useEffect(() => {
    if (value === sent.current) return
    sent.current = value
    setText(value)
  }, [value])

  useEffect(() => {
    if (text === sent.current) return
    const timer = setTimeout(() => {
      sent.current = text
      change.current(text)
    }, textDebounceMs)
    return () => clearTimeout(timer)
  }, [text])

  return (
    <label className="tx-filter-field tx-filter-text">
      <span className="tx-filter-label">Search</span>
      <input
        type="search"
        data-testid="filter-text"
        placeholder="hash, address, function, error…"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </label>
  )
}
