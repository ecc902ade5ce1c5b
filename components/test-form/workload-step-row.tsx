'use client'

import { baseLabel } from '@/services/scenarios/workload/call-labels'
import { CheckControl, SelectControl, TextControl } from './controls'
import { CallBody, callBodyFields } from './workload-call-body'
import type { StepDraft, StepExpect } from './workload-draft'
import { functionOf, isArgField, type ListRowProps, RowIssues, WorkloadRow } from './workload-row-tools'

/** One set-up step: a call made before the load, once or once for every sender, optionally checked by its result. */
export function StepRow({
  index,
  count,
  row,
  senders,
  names,
  contractOf,
  issues,
  onChange,
  onMove,
  onRemove,
}: ListRowProps<StepDraft> & {
  /** Senders of the run (as the preview counts them), for "N txs". */
  senders: number | null
}) {
  const field = `scenario.setup[${index}]`
  const fn = functionOf(contractOf, row.contract, row.function)
  const txs = row.forEach ? (senders === null ? 'one per sender' : `${senders} txs, one per sender`) : '1 tx'
  const title = row.contract && row.function ? baseLabel(row.contract, row.function) : 'New step'
  const claimed = new Set([
    ...callBodyFields(field),
    `${field}.forEach`,
    `${field}.from`,
    `${field}.expect`,
    `${field}.expect.${row.expect}`,
  ])
  return (
    <WorkloadRow
      kind="step"
      index={index}
      count={count}
      onMove={onMove}
      onRemove={onRemove}
      title={
        <>
          {index + 1}. {title} <span className="muted">· {txs}</span>
        </>
      }
    >
      <CallBody field={field} row={row} onChange={onChange} names={names} contractOf={contractOf} issues={issues} />
      <div className="fields">
        <CheckControl
          issues={issues}
          name={`${field}.forEach`}
          label="For every sender"
          className="field-check-inline"
          checked={row.forEach}
          onChange={(forEach) => onChange({ forEach, ...(forEach ? {} : row.from === 'sender' ? { from: '' } : {}) })}
          help="Once per sender, with {{sender}} as that sender; else once."
        />
        <SelectControl
          issues={issues}
          name={`${field}.from`}
          label="Sent by"
          value={row.from}
          options={[
            { value: '', label: row.forEach ? 'default: the sender it is for' : 'default: the deployer' },
            { value: 'deployer', label: 'the deployer (first account)' },
            { value: 'sender', label: 'the sender it is for', disabled: !row.forEach },
          ]}
          onChange={(from) => onChange({ from })}
        />
        <SelectControl<StepExpect>
          issues={issues}
          name={`${field}.expect`}
          label="Expected result"
          value={row.expect}
          options={[
            { value: '', label: 'none' },
            { value: 'equals', label: 'equals' },
            { value: 'atLeast', label: 'at least' },
          ]}
          onChange={(expect) => onChange({ expect })}
          help="Simulated before it is sent; another result stops the run."
        />
        {row.expect && (
          <TextControl
            issues={issues}
            name={`${field}.expect.${row.expect}`}
            label="Expected value"
            mono
            placeholder={row.expect === 'equals' ? 'true, 42 or 0x…' : 'e.g. 1'}
            value={row.expectValue}
            onChange={(expectValue) => onChange({ expectValue })}
          />
        )}
      </div>
      <RowIssues
        prefix={field}
        issues={issues}
        testId={`step-${index}-errors`}
        shownElsewhere={(f) => claimed.has(f) || isArgField(f, `${field}.args`, fn?.inputs.length ?? 0)}
      />
    </WorkloadRow>
  )
}
