'use client'

import { memo } from 'react'
import type { TxRow } from '@/services/live/frames'
import { formatInt, formatMs, shortHex } from '../format'

/** Fixed row height in px; `.tx-row` in globals.css has the same. Virtualization depends on it. */
export const txRowHeight = 32

export const txLogColumns = [
  { key: 'idx', title: '#', className: 'num' },
  { key: 'hash', title: 'Hash' },
  { key: 'account', title: 'Account' },
  { key: 'nonce', title: 'Nonce', className: 'num' },
  { key: 'label', title: 'Function' },
  { key: 'state', title: 'State' },
  { key: 'gas', title: 'Gas used', className: 'num' },
  { key: 'latency', title: 'Latency', className: 'num' },
  { key: 'error', title: 'Error' },
] as const

export function TxStatePill({ state }: { state: TxRow['state'] }) {
  return <span className={`tx-pill tx-pill-${state}`}>{state}</span>
}

type Props = {
  row: TxRow
  /** Position in the list (px from the top of the spacer). */
  top: number
  selected: boolean
  onOpen: (idx: number) => void
}

/**
 * One line of the tx log. Memoized on the row object: the stream replaces a row object when the
 * tx changes, so unchanged rows skip rendering entirely.
 */
export const TxLogRow = memo(function TxLogRow({ row, top, selected, onOpen }: Props) {
  const error = row.error ? `${row.errorKind ?? 'error'}: ${row.error}` : ''
  return (
    <tr
      tabIndex={0}
      aria-selected={selected}
      className={`tx-row${selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="tx-row"
      data-idx={row.idx}
      data-state={row.state}
      data-account={row.account}
      data-label={row.label}
      onClick={() => onOpen(row.idx)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault()
          onOpen(row.idx)
        }
      }}
    >
      <td className="tx-cell num">
        {row.role === 'gap-fill' ? <span title="nonce gap fill, made by the engine">{row.idx}*</span> : row.idx}
      </td>
      <td className="tx-cell mono" title={row.hash ?? undefined}>
        {row.hash ? shortHex(row.hash) : '—'}
      </td>
      <td className="tx-cell mono" title={row.account || undefined}>
        {row.account ? shortHex(row.account) : '—'}
      </td>
      <td className="tx-cell num">{row.nonce ?? '—'}</td>
      <td className="tx-cell" title={row.label}>
        {row.label || '—'}
      </td>
      <td className="tx-cell">
        <TxStatePill state={row.state} />
      </td>
      <td className="tx-cell num">{row.gasUsed === null ? '—' : formatInt(row.gasUsed)}</td>
      <td className="tx-cell num">{formatMs(row.latencyMs)}</td>
      <td className="tx-cell tx-error" title={error || undefined}>
        {error}
      </td>
    </tr>
  )
})
