import type { CompareRow } from '@/services/runs/metric-deltas'
import { formatDuration, formatInt, formatMs, formatRate } from '../format'

const dash = '—'

/** A compared value in its unit: counts with separators, rates, milliseconds, percentages, gas. */
export function formatValue(row: Pick<CompareRow, 'metric' | 'unit'>, value: number | null): string {
  if (value == null || !Number.isFinite(value)) return dash
  if (row.metric === 'duration') return formatDuration(value)
  switch (row.unit) {
    case 'tx/s':
      return formatRate(value)
    case 'ms':
      return formatMs(value)
    case '%':
      return `${value.toFixed(1)} %`
    default:
      return formatInt(Math.round(value))
  }
}

/** "+100.0 %", "−12.5 %", "0.0 %"; "new" from zero to something; "—" when a side is missing. */
export function formatDelta(row: Pick<CompareRow, 'base' | 'run' | 'deltaPct'>): string {
  const d = row.deltaPct
  if (d === null) return row.base === 0 && row.run != null && row.run !== 0 ? 'new' : dash
  const rounded = Math.round(d * 10) / 10
  if (rounded === 0) return '0.0 %'
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)} %`
}

/** The delta as a plain number for data attributes (tests read it): "100", "-12.5", "new" or "". */
export function deltaAttr(row: Pick<CompareRow, 'base' | 'run' | 'deltaPct'>): string {
  if (row.deltaPct === null) return formatDelta(row) === 'new' ? 'new' : ''
  return String(Math.round(row.deltaPct * 10) / 10)
}
