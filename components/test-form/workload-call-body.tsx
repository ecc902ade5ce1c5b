'use client'

import { ArgRow, defaultArg } from './arg-row'
import { TextControl } from './controls'
import { type ArgDraft, positional } from './draft'
import type { IssueIndex } from './issues'
import { resolveFunction } from './validate'
import type { CallCommonDraft } from './workload-draft'
import { ContractPicker, FunctionPicker } from './workload-pickers'
import type { ContractLookup } from './workload-row-tools'

/** What a set-up step and a call have in common: contract, function, one generator per argument, value, gas. */
export function CallBody<T extends CallCommonDraft>({
  field,
  row,
  onChange,
  names,
  contractOf,
  issues,
}: {
  /** The row's config key: `scenario.setup[2]`. */
  field: string
  row: T
  onChange: (patch: Partial<CallCommonDraft>) => void
  names: readonly string[]
  contractOf: ContractLookup
  issues: IssueIndex
}) {
  const { contract, loading } = contractOf(row.contract)
  const functions = contract?.functions ?? null
  const fn = functions ? resolveFunction(functions, row.function) : undefined
  const setArg = (i: number, arg: ArgDraft) => {
    if (!fn) return
    const args = fn.inputs.map((p, k) => row.args[k] ?? defaultArg(p))
    args[i] = arg
    onChange({ args })
  }
  return (
    <>
      <div className="fields">
        <ContractPicker
          name={`${field}.contract`}
          value={row.contract}
          names={names}
          issues={issues}
          onChange={(c) => onChange({ contract: c, ...(c !== row.contract ? { function: '', args: [] } : {}) })}
        />
        <div />
        <FunctionPicker
          name={`${field}.function`}
          value={row.function}
          functions={functions}
          reads={false}
          loading={loading}
          issues={issues}
          onPick={(picked, ref) => onChange({ function: ref, args: picked ? picked.inputs.map(defaultArg) : row.args })}
        />
      </div>
      {fn && fn.inputs.length > 0 && (
        <div className="args" data-testid={`${field}.args`}>
          {positional(fn.inputs, fn.signature).map(({ item: param, index: i, key }) => (
            <ArgRow
              key={key}
              index={i}
              param={param}
              arg={row.args[i] ?? defaultArg(param)}
              onChange={(arg) => setArg(i, arg)}
              issues={issues}
              base={`${field}.args[${i}]`}
              idPrefix={`${field}-arg-${i}`.replace(/[^A-Za-z0-9_-]/g, '-')}
              contractNames={names}
            />
          ))}
        </div>
      )}
      <div className="fields">
        <TextControl
          issues={issues}
          name={`${field}.value`}
          label="Value"
          numeric
          placeholder="0"
          value={row.value}
          onChange={(value) => onChange({ value })}
          help={fn?.stateMutability === 'payable' ? 'Wei sent with it.' : 'Wei; only payable functions take it.'}
        />
        <TextControl
          issues={issues}
          name={`${field}.gas`}
          label="Gas"
          numeric
          placeholder="estimated"
          value={row.gas}
          onChange={(gas) => onChange({ gas })}
          help="Blank: the node’s estimate."
        />
      </div>
    </>
  )
}

/** The fields CallBody shows next to a control (the rest go in the row's own error list). */
export function callBodyFields(field: string): string[] {
  return ['contract', 'function', 'value', 'gas'].map((k) => `${field}.${k}`)
}
