'use client'

import { baseLabel, callLabels } from '@/services/scenarios/workload/call-labels'
import { TextControl } from './controls'
import { CallBody, callBodyFields } from './workload-call-body'
import type { CallRowDraft } from './workload-draft'
import { functionOf, isArgField, type ListRowProps, RowIssues, WorkloadRow } from './workload-row-tools'

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
}: ListRowProps<CallRowDraft> & {
  label: string
  /** weight / Σ weights, 0–1. */
  share: number
}) {
  const field = `scenario.calls[${index}]`
  const fn = functionOf(contractOf, row.contract, row.function)
  const claimed = new Set([...callBodyFields(field), `${field}.name`, `${field}.weight`])
  return (
    <WorkloadRow
      kind="call"
      index={index}
      count={count}
      onMove={onMove}
      onRemove={onRemove}
      canRemove={count > 1}
      title={
        <>
          {index + 1}. <span className="mono">{label}</span>
        </>
      }
      aside={
        <span className="call-share" data-testid={`call-${index}-share`} title="weight ÷ the sum of all weights">
          {pct(share)} of the load
        </span>
      }
    >
      <div className="fields">
        <TextControl
          issues={issues}
          name={`${field}.name`}
          label="Name"
          placeholder={row.contract && row.function ? baseLabel(row.contract, row.function) : 'optional'}
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
    </WorkloadRow>
  )
}
