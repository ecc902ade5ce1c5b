'use client'

import type { FunctionSummary } from '@/services/abi/describe'
import { Field, invalidProps } from '../field'
import { type IssueIndex, messageOf } from './issues'
import { resolveFunction } from './validate'

const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`
const errorOf = (issues: IssueIndex, name: string) => {
  const m = messageOf(issues.at(name))
  return m && `${name} ${m}`
}

/** Which of the workload's contracts a row is about. */
export function ContractPicker({
  name,
  value,
  names,
  onChange,
  issues,
}: {
  /** The config key: `scenario.calls[1].contract`. */
  name: string
  value: string
  names: readonly string[]
  onChange: (value: string) => void
  issues: IssueIndex
}) {
  const id = idOf(name)
  const error = errorOf(issues, name)
  return (
    <Field id={id} label="Contract" name={name} error={error}>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`field-${name}`}
        {...invalidProps(id, error)}
      >
        <option value="">Choose…</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
        {value && !names.includes(value) && <option value={value}>{value} (not in the workload)</option>}
      </select>
    </Field>
  )
}

/** How a function is written in the config: its name when the ABI has one function of that name, else its signature. */
export function functionRef(functions: readonly FunctionSummary[], f: FunctionSummary): string {
  return functions.filter((x) => x.name === f.name).length === 1 ? f.name : f.signature
}

/** A function of the row's contract: those that send (set-up, calls) or the reads (checks). */
export function FunctionPicker({
  name,
  value,
  functions,
  reads,
  onPick,
  issues,
  loading,
}: {
  name: string
  value: string
  functions: readonly FunctionSummary[] | null
  /** Checks read: list the view/pure functions; else those that send. */
  reads: boolean
  onPick: (fn: FunctionSummary | null, ref: string) => void
  issues: IssueIndex
  loading: boolean
}) {
  const id = idOf(name)
  const error = errorOf(issues, name)
  const listed = functions?.filter((f) => f.readOnly === reads) ?? []
  const picked = functions ? resolveFunction(functions, value) : undefined
  const known = !value || (picked !== undefined && picked.readOnly === reads)
  return (
    <Field
      id={id}
      label={reads ? 'View function' : 'Function'}
      name={name}
      className="span-2"
      error={error}
      help={
        functions
          ? `${listed.length} function(s) that ${reads ? 'read' : 'send'}.`
          : loading
            ? 'Reading the ABI…'
            : 'Choose a contract first.'
      }
    >
      <select
        id={id}
        value={picked?.signature ?? value}
        disabled={!functions}
        onChange={(e) => {
          const fn = functions?.find((f) => f.signature === e.target.value) ?? null
          onPick(fn, fn && functions ? functionRef(functions, fn) : e.target.value)
        }}
        data-testid={`field-${name}`}
        {...invalidProps(id, error)}
      >
        <option value="">Choose a function…</option>
        {!known && <option value={value}>{functions ? `${value} (not in this ABI)` : value}</option>}
        {listed.map((f) => (
          <option key={f.signature} value={f.signature}>
            {f.signature}
            {f.stateMutability === 'payable' ? ' — payable' : ''}
          </option>
        ))}
      </select>
    </Field>
  )
}
