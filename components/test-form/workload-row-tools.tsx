'use client'

import type { ReactNode } from 'react'
import type { ContractDescription } from '@/services/abi/describe'
import type { FieldIssue } from '@/services/errors/base'
import type { IssueIndex } from './issues'
import { resolveFunction } from './validate'

/** A workload contract's ABI as the form has read it, by the contract's name. */
export type ContractLookup = (name: string) => { contract: ContractDescription | null; loading: boolean }

/** What every row of a workload list (set-up step, call, check) gets from the fieldset. */
export type ListRowProps<T> = {
  index: number
  count: number
  row: T
  names: readonly string[]
  contractOf: ContractLookup
  issues: IssueIndex
  onChange: (patch: Partial<T>) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}

/** The function a row names in its contract's ABI, once the ABI is read. */
export function functionOf(contractOf: ContractLookup, contract: string, ref: string) {
  const fns = contractOf(contract).contract?.functions
  return fns ? resolveFunction(fns, ref) : undefined
}

/**
 * One row of a workload list: its numbered title, anything beside it, the move/remove tools, and
 * its body. `kind` names the row in test ids (`<kind>-row-<i>`, `<kind>-<i>-up`) and for screen readers.
 */
export function WorkloadRow({
  kind,
  index,
  count,
  title,
  what = `${kind} ${index + 1}`,
  aside,
  canRemove,
  onMove,
  onRemove,
  children,
}: {
  kind: string
  index: number
  count: number
  title: ReactNode
  what?: string
  aside?: ReactNode
  canRemove?: boolean
  onMove: (by: -1 | 1) => void
  onRemove: () => void
  children: ReactNode
}) {
  return (
    <div className="workload-row" data-testid={`${kind}-row-${index}`}>
      <div className="workload-row-head">
        <span className="workload-row-title">{title}</span>
        {aside}
        <RowTools
          id={`${kind}-${index}`}
          what={what}
          index={index}
          count={count}
          onMove={onMove}
          onRemove={onRemove}
          {...(canRemove !== undefined && { canRemove })}
        />
      </div>
      {children}
    </div>
  )
}

/** Move up, move down and remove for one row of a workload list; `what` names the row for screen readers. */
export function RowTools({
  id,
  what,
  index,
  count,
  onMove,
  onRemove,
  canRemove = true,
}: {
  /** Test ids: `<id>-up`, `<id>-down`, `<id>-remove`. */
  id: string
  what: string
  index: number
  count: number
  onMove?: (by: -1 | 1) => void
  onRemove: () => void
  canRemove?: boolean
}) {
  return (
    <div className="row-tools">
      {onMove && (
        <>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={`Move ${what} up`}
            title="Move up"
            data-testid={`${id}-up`}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move ${what} down`}
            title="Move down"
            data-testid={`${id}-down`}
          >
            ↓
          </button>
        </>
      )}
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={!canRemove}
        onClick={onRemove}
        aria-label={`Remove ${what}`}
        data-testid={`${id}-remove`}
      >
        Remove
      </button>
    </div>
  )
}

/**
 * The issues about a row that no control of it shows (e.g. a deploy-order cycle, an argument count,
 * a revert on simulation): listed under the row, so nothing the server says goes unseen.
 */
export function RowIssues({
  prefix,
  issues,
  shownElsewhere,
  testId,
}: {
  prefix: string
  issues: IssueIndex
  /** Fields a control of the row shows next to itself. */
  shownElsewhere: (field: string) => boolean
  testId: string
}) {
  const rest: FieldIssue[] = issues.under(prefix).filter((i) => !shownElsewhere(i.field))
  if (!rest.length) return null
  return (
    <div className="field-error row-error" role="alert" data-testid={testId}>
      {rest.map((i) => (
        <p key={`${i.field}:${i.message}`}>
          {i.field} {i.message}
        </p>
      ))}
    </div>
  )
}

/** Whether a field is one argument's (or inside one) of those the row shows with ArgRow. */
export function isArgField(field: string, argsKey: string, count: number): boolean {
  const m = new RegExp(`^${argsKey.replace(/[.[\]]/g, '\\$&')}\\[(\\d+)\\]`).exec(field)
  return m !== null && Number(m[1]) < count
}
