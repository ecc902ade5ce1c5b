'use client'

import type { FunctionSummary } from '@/services/abi/describe'
import { Field, invalidProps } from '../field'
import { ArgRow, defaultArg } from './arg-row'
import { TextControl } from './controls'
import { type ArgDraft, type CallDraft, positional } from './draft'
import { type IssueIndex, messageOf } from './issues'
import type { ContractState } from './use-contract'
import { resolveFunction } from './validate'

/** The function picker, from the contract's ABI: functions that send first; reads listed but not selectable. */
function FunctionPicker({
  call,
  functions,
  onPick,
  issues,
  loading,
}: {
  call: CallDraft
  functions: readonly FunctionSummary[] | null
  onPick: (fn: FunctionSummary | null, ref: string) => void
  issues: IssueIndex
  loading: boolean
}) {
  const id = 'f-scenario-function'
  const messages = issues.at('scenario.function')
  const error = messageOf(messages) && `scenario.function ${messageOf(messages)}`
  const picked = functions ? resolveFunction(functions, call.function) : undefined
  const value = picked?.signature ?? call.function
  const sends = functions?.filter((f) => !f.readOnly) ?? []
  const reads = functions?.filter((f) => f.readOnly) ?? []
  const known = !call.function || picked !== undefined
  return (
    <Field
      id={id}
      label="Function"
      name="scenario.function"
      className="span-2"
      error={error}
      help={
        functions
          ? `${sends.length} function(s) that send${reads.length ? `; ${reads.length} read(s) shown greyed` : ''}.`
          : loading
            ? 'Reading the ABI…'
            : 'Choose a contract first.'
      }
    >
      <select
        id={id}
        value={value}
        disabled={!functions}
        onChange={(e) => {
          const fn = functions?.find((f) => f.signature === e.target.value) ?? null
          onPick(fn, e.target.value)
        }}
        data-testid="field-scenario.function"
        {...invalidProps(id, error)}
      >
        <option value="">Choose a function…</option>
        {!known && (
          <option value={call.function}>{functions ? `${call.function} (not in this ABI)` : call.function}</option>
        )}
        {sends.length > 0 && (
          <optgroup label="Send a transaction">
            {sends.map((f) => (
              <option key={f.signature} value={f.signature}>
                {f.signature}
                {f.stateMutability === 'payable' ? ' — payable' : ''}
              </option>
            ))}
          </optgroup>
        )}
        {reads.length > 0 && (
          <optgroup label="Reads (nothing to send)">
            {reads.map((f) => (
              <option key={f.signature} value={f.signature} disabled>
                {f.signature} — {f.stateMutability}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </Field>
  )
}

/** The function to call, one generator per argument, and the call's value, gas and seed. */
export function CallFieldset({
  call,
  onChange,
  contract,
  issues,
}: {
  call: CallDraft
  onChange: (patch: Partial<CallDraft>) => void
  contract: ContractState
  issues: IssueIndex
}) {
  const functions = contract.contract?.functions ?? null
  const fn = functions ? resolveFunction(functions, call.function) : undefined
  const setArg = (i: number, arg: ArgDraft) => {
    if (!fn) return
    const args = fn.inputs.map((p, k) => call.args[k] ?? defaultArg(p))
    args[i] = arg
    onChange({ args })
  }
  const countIssues = issues.at('scenario.args')
  return (
    <fieldset className="fieldset" data-testid="fieldset-call">
      <legend>Function and arguments</legend>
      <div className="fields">
        <FunctionPicker
          call={call}
          functions={functions}
          issues={issues}
          loading={contract.status === 'loading'}
          onPick={(picked, ref) =>
            onChange({ function: ref, args: picked ? picked.inputs.map(defaultArg) : call.args })
          }
        />
      </div>
      {fn && fn.inputs.length === 0 && <p className="muted small">This function takes no arguments.</p>}
      {fn && fn.inputs.length > 0 && (
        <div className="args" data-testid="args">
          {positional(fn.inputs, fn.signature).map(({ item: param, index: i, key }) => (
            <ArgRow
              key={key}
              index={i}
              param={param}
              arg={call.args[i] ?? defaultArg(param)}
              onChange={(arg) => setArg(i, arg)}
              issues={issues}
            />
          ))}
        </div>
      )}
      {countIssues.length > 0 && (
        <p className="field-error" role="alert" data-testid="error-scenario.args">
          scenario.args {countIssues.join('; ')}
        </p>
      )}
      <div className="fields">
        <TextControl
          issues={issues}
          name="scenario.value"
          label="Value per call"
          numeric
          placeholder="0"
          value={call.value}
          onChange={(value) => onChange({ value })}
          help={fn?.stateMutability === 'payable' ? 'Wei sent with each call.' : 'Wei; only payable functions take it.'}
        />
        <TextControl
          issues={issues}
          name="scenario.gas"
          label="Gas per call"
          numeric
          placeholder="estimated"
          value={call.gas}
          onChange={(gas) => onChange({ gas })}
          help="Blank: the node’s estimate of the first call, +30%."
        />
        <TextControl
          issues={issues}
          name="scenario.seed"
          label="Seed"
          numeric
          placeholder="1"
          value={call.seed}
          onChange={(seed) => onChange({ seed })}
          help="Same seed, same random arguments."
        />
      </div>
    </fieldset>
  )
}
