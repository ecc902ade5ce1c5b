'use client'

import type { ContractDescription } from '@/services/abi/describe'
import { callLabels } from '@/services/scenarios/workload/call-labels'
import { TextControl } from './controls'
import type { IssueIndex } from './issues'
import { resolveFunction } from './validate'
import { CallBody, callBodyFields } from './workload-call-body'
import type { CallRowDraft } from './workload-draft'
import { isArgField, RowIssues, RowTools } from './workload-row-tools'

const pct = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)} %`

/** The label a call row gets in metrics and reports, as the server gives it. */
export function callLabel(rows: readonly CallRowDraft[], index: number): string {
  const row = rows[index]!
  if (!row.name.trim() && (!row.contract || !row.function)) return 'New call'
  return callLabels(rows.map((r) => ({ ...r, name: r.name.trim() || undefined })))[index]!
}

/** One kind of call in the load's mix: what it calls, with which arguments, and how often (weight). */
export function CallRow({
  index,
  count,
  row,
  label,
  share,
  names,
  contractOf,
  issues,
  onChange,
  onMove,
  onRemove,
}: {
  index: number
  count: number
  row: CallRowDraft
  label: string
  /** weight / Σ weights, 0–1. */
  share: number
  names: readonly string[]
  contractOf: (name: string) => { contract: ContractDescription | null; loading: boolean }
  issues: IssueIndex
  onChange: (patch: Partial<CallRowDraft>) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}) {
  const field = `scenario.calls[${index}]`
  const fns = contractOf(row.contract).contract?.functions
  const fn = fns ? resolveFunction(fns, row.function) : undefined
  const claimed = new Set([...callBodyFields(field), `${field}.name`, `${field}.weight`])
  return (
    <div className="workload-row" data-testid={`call-row-${index}`}>
      <div className="workload-row-head">
        <span className="workload-row-title">
          {index + 1}. <span className="mono">{label}</span>
        </span>
        <span className="call-share" data-testid={`call-${index}-share`} title="weight ÷ the sum of all weights">
          {pct(share)} of the load
        </span>
        <RowTools
          id={`call-${index}`}
          what={`call ${index + 1}`}
          index={index}
          count={count}
          onMove={onMove}
          onRemove={onRemove}
          canRemove={count > 1}
        />
      </div>
      <div className="fields">
        <TextControl
          issues={issues}
          name={`${field}.name`}
          label="Name"
          placeholder={
            row.contract && row.function ? `${row.contract}.${row.function.replace(/\(.*$/, '')}` : 'optional'
          }
          value={row.name}
          onChange={(name) => onChange({ name })}
          help="Its label in the live counters and the report."
        />
        <TextControl
          issues={issues}
          name={`${field}.weight`}
          label="Weight"
          numeric
          placeholder="1"
          value={row.weight}
          onChange={(weight) => onChange({ weight })}
          help="Relative: a tx makes this call with probability weight ÷ Σ weights."
        />
      </div>
      <CallBody field={field} row={row} onChange={onChange} names={names} contractOf={contractOf} issues={issues} />
      <RowIssues
        prefix={field}
        issues={issues}
        testId={`call-${index}-errors`}
        shownElsewhere={(f) => claimed.has(f) || isArgField(f, `${field}.args`, fn?.inputs.length ?? 0)}
      />
    </div>
  )
}
