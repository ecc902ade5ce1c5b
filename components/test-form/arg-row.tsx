'use client'

import type { AbiParameter } from 'viem'
import { parseAbiType } from '@/services/abi/abi-type'
import { type ArgDraft, type ArgKind, emptyArg } from './draft'
import type { IssueIndex } from './issues'

type TypeClass = 'int' | 'address' | 'bool' | 'list' | 'string' | 'other'

function classOf(param: AbiParameter): TypeClass {
  const t = parseAbiType(param.type)
  if (t?.kind === 'int' || t?.kind === 'address' || t?.kind === 'bool') return t.kind
  if (t?.kind === 'array' || t?.kind === 'tuple') return 'list'
  if (param.type === 'string') return 'string'
  return 'other'
}

/**
 * The generators that make sense for a parameter's type (the generators refuse the others); the
 * ones that name contracts only in a workload, which has named contracts.
 */
export function kindsFor(param: AbiParameter, inWorkload = false): ArgKind[] {
  switch (classOf(param)) {
    case 'int':
      return ['fixed', 'sequence', 'random', 'oneOf', 'now', ...(inWorkload ? (['balanceFraction'] as const) : [])]
    case 'address':
      return ['account', 'sender', 'fixed', 'oneOf', ...(inWorkload ? (['contract'] as const) : [])]
    case 'string':
      return ['fixed', 'oneOf', 'sequence']
    default:
      return ['fixed', 'oneOf']
  }
}

const kindLabels: Record<ArgKind, string> = {
  fixed: 'fixed value',
  sequence: 'sequence',
  random: 'random in range',
  oneOf: 'one of',
  sender: 'the sender',
  account: 'a run account',
  contract: 'workload contract',
  balanceFraction: 'share of balance',
  now: 'chain time + seconds',
}

/** A sensible first value for a parameter, so a fresh function is callable as picked. */
export function defaultArg(param: AbiParameter): ArgDraft {
  const t = parseAbiType(param.type)
  switch (t?.kind) {
    case 'int':
      return emptyArg('fixed', '1')
    case 'address':
      return emptyArg('account')
    case 'bool':
      return emptyArg('fixed', 'true')
    case 'string':
      return emptyArg('fixed', 'hello')
    case 'bytes':
      return emptyArg('fixed', t.size ? `0x${'00'.repeat(t.size)}` : '0x')
    case 'array':
      return emptyArg('fixed', '[]')
    default:
      return emptyArg('fixed')
  }
}

function placeholderOf(param: AbiParameter): string {
  const t = parseAbiType(param.type)
  switch (t?.kind) {
    case 'int':
      return t.signed ? 'e.g. -5, 1000 or 0x3e8' : 'e.g. 1000 or 0x3e8'
    case 'address':
      return '0x… (20 bytes)'
    case 'bytes':
      return t.size ? `0x… (${t.size} bytes)` : '0x…'
    case 'array':
      return 'JSON array, e.g. ["1","2"]'
    case 'tuple':
      return 'JSON object by component name, or an array'
    default:
      return ''
  }
}

/**
 * One argument of the called function: its generator and the generator's inputs, typed from the
 * ABI. Errors about `scenario.args[i]` (or inside it) are shown under the row; the inputs they
 * name are marked invalid. In a workload, `base` is the argument's own key
 * (`scenario.calls[1].args[0]`), `idPrefix` keeps its ids apart, and generators may name contracts.
 */
export function ArgRow({
  index,
  param,
  arg,
  onChange,
  issues,
  base = `scenario.args[${index}]`,
  idPrefix = `arg-${index}`,
  contractNames,
}: {
  index: number
  param: AbiParameter
  arg: ArgDraft
  onChange: (arg: ArgDraft) => void
  issues: IssueIndex
  base?: string
  idPrefix?: string
  /** A workload's contracts: offered by the `contract` and `balanceFraction` generators. */
  contractNames?: readonly string[]
}) {
  const rowIssues = issues.under(base)
  const errorId = `${idPrefix}-error`
  const kinds = kindsFor(param, contractNames !== undefined)
  const kind = arg.kind
  const cls = classOf(param)
  /** Marks a control invalid when an issue names it (or something inside it); the row-level ones mark the generator. */
  const invalid = (sub: string) => {
    const field = `${base}.${sub}`
    const bad = rowIssues.some(
      (i) =>
        i.field === field ||
        i.field.startsWith(`${field}[`) ||
        i.field.startsWith(`${field}.`) ||
        (sub === 'kind' && i.field === base),
    )
    return bad ? { 'aria-invalid': true } : {}
  }
  const input = (sub: keyof ArgDraft, label: string, placeholder: string, mono = true) => {
    const id = `${idPrefix}-${sub}`
    return (
      <label className="arg-input" htmlFor={id}>
        <span className="arg-input-label">{label}</span>
        <input
          id={id}
          type="text"
          autoComplete="off"
          spellCheck={false}
          className={mono ? 'mono' : undefined}
          value={arg[sub]}
          placeholder={placeholder}
          onChange={(e) => onChange({ ...arg, [sub]: e.target.value })}
          data-testid={`field-${base}.${sub}`}
          {...(rowIssues.length ? { 'aria-describedby': errorId } : {})}
          {...invalid(sub)}
        />
      </label>
    )
  }

  /** The workload's contracts to pick from; free text where the names are not known. */
  const contractPicker = (label: string) => {
    if (!contractNames) return input('contract', label, 'e.g. TokenA', false)
    const id = `${idPrefix}-contract`
    return (
      <label className="arg-input" htmlFor={id}>
        <span className="arg-input-label">{label}</span>
        <select
          id={id}
          value={arg.contract}
          onChange={(e) => onChange({ ...arg, contract: e.target.value })}
          data-testid={`field-${base}.contract`}
          {...(rowIssues.length ? { 'aria-describedby': errorId } : {})}
          {...invalid('contract')}
        >
          <option value="">Choose…</option>
          {contractNames.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
          {arg.contract && !contractNames.includes(arg.contract) && (
            <option value={arg.contract}>{arg.contract} (not in the workload)</option>
          )}
        </select>
      </label>
    )
  }

  return (
    <div className="arg-row" data-testid={idPrefix}>
      <div className="arg-head">
        <span className="arg-name">{param.name || `arg ${index}`}</span>
        <code className="arg-type">{param.type}</code>
        <code className="field-name">{base}</code>
      </div>
      <div className="arg-body">
        <label className="arg-input arg-kind" htmlFor={`${idPrefix}-kind`}>
          <span className="arg-input-label">Generator</span>
          <select
            id={`${idPrefix}-kind`}
            value={kind}
            onChange={(e) => onChange({ ...arg, kind: e.target.value as ArgKind })}
            data-testid={`field-${base}.kind`}
            {...(rowIssues.length ? { 'aria-describedby': errorId } : {})}
            {...invalid('kind')}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabels[k]}
              </option>
            ))}
            {!kinds.includes(arg.kind) && <option value={arg.kind}>{kindLabels[arg.kind]}</option>}
          </select>
        </label>
        {kind === 'fixed' &&
          (cls === 'bool' ? (
            <label className="arg-input" htmlFor={`${idPrefix}-value`}>
              <span className="arg-input-label">Value</span>
              <select
                id={`${idPrefix}-value`}
                value={arg.value}
                onChange={(e) => onChange({ ...arg, value: e.target.value })}
                data-testid={`field-${base}.value`}
                {...(rowIssues.length ? { 'aria-describedby': errorId } : {})}
                {...invalid('value')}
              >
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            </label>
          ) : (
            input('value', 'Value', placeholderOf(param), param.type !== 'string')
          ))}
        {kind === 'sequence' && (
          <>
            {input('start', 'Start', '0')}
            {input('step', 'Step', '1')}
            {cls === 'string' && input('format', 'Format', 'name-{i}', false)}
          </>
        )}
        {kind === 'contract' && contractPicker('Contract')}
        {kind === 'balanceFraction' && (
          <>
            {contractPicker('Token contract')}
            {input('fraction', 'Fraction', 'e.g. 0.01')}
          </>
        )}
        {kind === 'now' && input('plus', 'Plus seconds', 'e.g. 600')}
        {kind === 'random' && (
          <>
            {input('min', 'Min', 'required')}
            {input('max', 'Max', 'required')}
          </>
        )}
        {kind === 'oneOf' && (
          <label className="arg-input arg-wide" htmlFor={`${idPrefix}-values`}>
            <span className="arg-input-label">Values, one per line</span>
            <textarea
              id={`${idPrefix}-values`}
              className="mono"
              rows={3}
              value={arg.values}
              placeholder={placeholderOf(param)}
              onChange={(e) => onChange({ ...arg, values: e.target.value })}
              data-testid={`field-${base}.values`}
              {...(rowIssues.length ? { 'aria-describedby': errorId } : {})}
              {...invalid('values')}
            />
          </label>
        )}
        {kind === 'account' && input('index', 'Account index', 'next account')}
        {kind === 'sender' && <p className="muted small arg-note">Each tx passes its own sender’s address.</p>}
      </div>
      {kind === 'sequence' && <p className="field-help">start + step × tx index.</p>}
      {kind === 'fixed' && contractNames && cls === 'address' && !rowIssues.length && (
        <p className="field-help">
          References work here: {contractNames.length ? `{{${contractNames[0]}}}, ` : ''}
          {'{{sender}}, {{deployer}}, {{accounts[3]}}'} become addresses when the tx is made.
        </p>
      )}
      {kind === 'balanceFraction' && !rowIssues.length && (
        <p className="field-help">Of the sender’s balance when the load starts (after the set-up).</p>
      )}
      {kind === 'account' && !rowIssues.length && (
        <p className="field-help">
          Blank: the account after the sender (wrapping), so a transfer never goes to itself.
        </p>
      )}
      {rowIssues.length > 0 && (
        <div id={errorId} className="field-error" role="alert" data-testid={`error-${base}`}>
          {rowIssues.map((i) => (
            <p key={`${i.field}:${i.message}`}>
              {i.field} {i.message}
            </p>
          ))}
        </div>
      )}
    </div>
  )
}
