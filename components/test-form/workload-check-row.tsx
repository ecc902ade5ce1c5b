'use client'

import { SelectControl, TextControl } from './controls'
import { positional } from './draft'
import { resolveFunction } from './validate'
import { type CheckDraft, type CheckExpect, checkExpects, expectsValue } from './workload-draft'
import { ContractPicker, FunctionPicker } from './workload-pickers'
import { type ListRowProps, RowIssues, WorkloadRow } from './workload-row-tools'

const expectLabels: Record<CheckExpect, string> = {
  unchanged: 'unchanged (after = before)',
  notDecreased: 'not decreased (after ≥ before)',
  equals: 'equals',
  atLeast: 'at least',
  atMost: 'at most',
  increasedBy: 'increased by',
  increasedByMined: 'increased by mined calls ×',
}

/** One check: a view function read before and after the run, and what must hold between the two. */
export function CheckRow({
  index,
  count,
  row,
  names,
  contractOf,
  issues,
  onChange,
  onMove,
  onRemove,
}: ListRowProps<CheckDraft>) {
  const field = `scenario.checks[${index}]`
  const { contract, loading } = contractOf(row.contract)
  const fns = contract?.functions ?? null
  const fn = fns ? resolveFunction(fns, row.call) : undefined
  const claimed = new Set(['name', 'contract', 'call', 'expect', `expect.${row.expect}`].map((k) => `${field}.${k}`))
  return (
    <WorkloadRow
      kind="check"
      index={index}
      count={count}
      onMove={onMove}
      onRemove={onRemove}
      title={`${index + 1}. ${row.name || (row.contract && row.call ? `${row.contract}.${row.call}` : 'New check')}`}
    >
      <div className="fields">
        <TextControl
          issues={issues}
          name={`${field}.name`}
          label="Name"
          placeholder="optional, e.g. supply unchanged"
          value={row.name}
          onChange={(name) => onChange({ name })}
        />
        <ContractPicker
          name={`${field}.contract`}
          value={row.contract}
          names={names}
          issues={issues}
          onChange={(c) => onChange({ contract: c, ...(c !== row.contract ? { call: '', args: [] } : {}) })}
        />
        <FunctionPicker
          name={`${field}.call`}
          value={row.call}
          functions={fns}
          reads
          loading={loading}
          issues={issues}
          onPick={(picked, ref) => onChange({ call: ref, args: picked ? picked.inputs.map(() => '') : row.args })}
        />
        {fn &&
          positional(fn.inputs, fn.signature).map(({ item: param, index: i, key }) => (
            <TextControl
              key={key}
              issues={issues}
              name={`${field}.args[${i}]`}
              label={`${param.name || `arg ${i}`} (${param.type})`}
              mono
              placeholder={param.type === 'address' ? '0x… or {{Pool}}' : param.type}
              value={row.args[i] ?? ''}
              onChange={(v) => onChange({ args: fn.inputs.map((_, k) => (k === i ? v : (row.args[k] ?? ''))) })}
            />
          ))}
        <SelectControl<CheckExpect>
          issues={issues}
          name={`${field}.expect`}
          label="Expect"
          value={row.expect}
          options={checkExpects.map((e) => ({ value: e, label: expectLabels[e] }))}
          onChange={(expect) => onChange({ expect })}
          help="Read before the load and after it."
        />
        {expectsValue(row.expect) && (
          <TextControl
            issues={issues}
            name={`${field}.expect.${row.expect}`}
            label="Value"
            mono
            placeholder="e.g. 0"
            value={row.expectValue}
            onChange={(expectValue) => onChange({ expectValue })}
          />
        )}
      </div>
      <RowIssues
        prefix={field}
        issues={issues}
        testId={`check-${index}-errors`}
        shownElsewhere={(f) => claimed.has(f) || /\.args\[\d+\]$/.test(f)}
      />
    </WorkloadRow>
  )
}
