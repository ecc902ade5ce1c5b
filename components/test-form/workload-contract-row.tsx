'use client'

import { useEffect } from 'react'
import type { AbiParameter } from 'viem'
import type { BuiltinDescription } from '@/services/contracts/builtin-descriptions'
import { Field, invalidProps } from '../field'
import { ArgRow, defaultArg } from './arg-row'
import { SelectControl, TextControl } from './controls'
import { type ArgDraft, emptyArg, positional } from './draft'
import { type IssueIndex, messageOf } from './issues'
import type { ContractState } from './use-contract'
import { AddressSource, ArtifactSource } from './workload-contract-source'
import { type ContractDraft, type ContractSource, contractSources, newKey, workloadBuiltins } from './workload-draft'
import { isArgField, RowIssues, WorkloadRow } from './workload-row-tools'

const sourceLabels: Record<ContractSource, { label: string; help: string }> = {
  builtin: { label: 'Built-in', help: 'Deployed for the run from contracts/.' },
  artifact: { label: 'Artifact', help: 'Foundry, Hardhat or solc output, deployed for the run.' },
  address: { label: 'Deployed', help: 'Already on the node: its address and ABI.' },
}

/** A constructor's first arguments: the built-in's defaults, or a sensible value per parameter. */
export function firstConstructorArgs(inputs: readonly AbiParameter[], defaults: readonly string[] | null): ArgDraft[] {
  return inputs.map((p, i) => (defaults?.[i] !== undefined ? emptyArg('fixed', defaults[i]) : defaultArg(p)))
}

/** One contract of the workload: its name (what `{{Name}}` means), where it comes from, its constructor and libraries. */
export function ContractRow({
  index,
  count,
  row,
  state,
  names,
  builtins,
  issues,
  onChange,
  onRename,
  onMove,
  onRemove,
}: {
  index: number
  count: number
  row: ContractDraft
  state: ContractState
  names: readonly string[]
  builtins: readonly BuiltinDescription[]
  issues: IssueIndex
  onChange: (patch: Partial<ContractDraft>) => void
  onRename: (name: string) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}) {
  const field = `scenario.contracts.${row.name.trim()}`
  const nameId = `contract-${row.key}-name`
  const nameError = messageOf(issues.at(field))
  const inputs = state.contract?.constructorInputs ?? []
  const builtin = builtins.find((b) => b.name === row.builtin)
  const defaults = row.source === 'builtin' ? (builtin?.constructorDefaults ?? null) : null
  const argsKey = `${field}.constructorArgs`
  const usesDefaults = row.source === 'builtin' && row.constructorArgs.length === 0 && defaults !== null
  const claimed = new Set([
    field,
    `${field}.builtin`,
    `${field}.artifact`,
    `${field}.abi`,
    `${field}.address`,
    `${field}.contractName`,
  ])
  // A constructor without defaults gets a value per parameter as soon as its ABI is known, so the config always has them.
  const needsArgs = !usesDefaults && row.source !== 'address' && inputs.length > 0 && row.constructorArgs.length === 0
  useEffect(() => {
    if (needsArgs) onChange({ constructorArgs: firstConstructorArgs(inputs, defaults) })
  }, [needsArgs, inputs, defaults, onChange])
  const setArg = (i: number, arg: ArgDraft) => {
    const args = inputs.map((p, k) => row.constructorArgs[k] ?? firstConstructorArgs([p], null)[0]!)
    args[i] = arg
    onChange({ constructorArgs: args })
  }
  const pickBuiltin = (name: ContractDraft['builtin']) => {
    const b = builtins.find((x) => x.name === name)
    const params = b?.contract.constructorInputs ?? []
    onChange({ builtin: name, constructorArgs: b?.constructorDefaults ? [] : firstConstructorArgs(params, null) })
  }

  return (
    <WorkloadRow
      kind="contract"
      index={index}
      count={count}
      what={`contract ${row.name || index + 1}`}
      onMove={onMove}
      onRemove={onRemove}
      canRemove={count > 1}
      title={
        <>
          Contract {index + 1}
          {state.contract?.contractName && <span className="muted"> · {state.contract.contractName}</span>}
        </>
      }
    >
      <div className="fields">
        <Field
          id={nameId}
          label="Name"
          name={field}
          error={nameError && `${field} ${nameError}`}
          help="What {{Name}} references and rows pick; renaming updates them."
        >
          <input
            id={nameId}
            type="text"
            className="mono"
            autoComplete="off"
            spellCheck={false}
            value={row.name}
            placeholder="e.g. TokenA"
            onChange={(e) => onRename(e.target.value)}
            data-testid={`contract-${index}-name`}
            {...invalidProps(nameId, nameError)}
          />
        </Field>
        <div className="field">
          <span className="field-label-text">Source</span>
          <div className="segmented" role="radiogroup" aria-label={`Source of contract ${row.name || index + 1}`}>
            {contractSources.map((source) => (
              <label key={source} className={row.source === source ? 'segment is-on' : 'segment'}>
                <input
                  type="radio"
                  name={`source-${row.key}`}
                  value={source}
                  checked={row.source === source}
                  onChange={() => onChange({ source, constructorArgs: [] })}
                  data-testid={`contract-${index}-source-${source}`}
                />
                {sourceLabels[source].label}
              </label>
            ))}
          </div>
          <p className="field-help">{sourceLabels[row.source].help}</p>
        </div>

        {row.source === 'builtin' && (
          <SelectControl
            issues={issues}
            name={`${field}.builtin`}
            label="Built-in contract"
            className="span-2"
            value={row.builtin}
            options={workloadBuiltins.map((b) => ({ value: b, label: b }))}
            onChange={pickBuiltin}
            help={builtin?.summary}
          />
        )}

        {row.source === 'artifact' && (
          <ArtifactSource index={index} field={field} row={row} state={state} issues={issues} onChange={onChange} />
        )}
        {row.source === 'address' && (
          <AddressSource index={index} field={field} row={row} issues={issues} onChange={onChange} />
        )}
      </div>
      {state.status === 'loading' && <p className="muted small">Reading the JSON…</p>}
      {state.contract && <ContractLine state={state} />}

      {row.source !== 'address' && inputs.length > 0 && (
        <div className="workload-sub">
          <div className="workload-sub-head">
            <span className="group-title">Constructor</span>
            {row.source === 'builtin' && defaults && (
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() =>
                  onChange({ constructorArgs: usesDefaults ? firstConstructorArgs(inputs, defaults) : [] })
                }
                data-testid={`contract-${index}-ctor-toggle`}
              >
                {usesDefaults ? 'Set arguments' : 'Use the defaults'}
              </button>
            )}
          </div>
          {usesDefaults ? (
            <p className="muted small" data-testid={`contract-${index}-ctor-defaults`}>
              The built-in’s defaults: {inputs.map((p, i) => `${p.name || `arg ${i}`} = ${defaults?.[i]}`).join(', ')}.
            </p>
          ) : (
            <div className="args">
              {positional(inputs, `${row.key}-ctor`).map(({ item: param, index: i, key }) => (
                <ArgRow
                  key={key}
                  index={i}
                  param={param}
                  arg={row.constructorArgs[i] ?? firstConstructorArgs([param], null)[0]!}
                  onChange={(arg) => setArg(i, arg)}
                  issues={issues}
                  base={`${argsKey}[${i}]`}
                  idPrefix={`contract-${index}-ctor-${i}`}
                  contractNames={names.filter((n) => n !== row.name)}
                />
              ))}
            </div>
          )}
        </div>
      )}

      {row.source === 'artifact' && (
        <Libraries index={index} row={row} field={field} issues={issues} onChange={onChange} />
      )}
      <RowIssues
        prefix={field}
        issues={issues}
        testId={`contract-${index}-errors`}
        shownElsewhere={(f) =>
          claimed.has(f) ||
          (!usesDefaults && isArgField(f, argsKey, inputs.length)) ||
          f.startsWith(`${field}.libraries.`)
        }
      />
    </WorkloadRow>
  )
}

function ContractLine({ state }: { state: ContractState }) {
  const c = state.contract!
  const sends = c.functions.filter((f) => !f.readOnly).length
  return (
    <p className="contract-status small">
      <span className="muted">
        {c.format === 'builtin' ? 'built-in' : c.format} · {c.functions.length} function(s), {sends} that send
        {c.unlinkedLibraries.length ? ` · needs libraries: ${c.unlinkedLibraries.join(', ')}` : ''}
      </span>
    </p>
  )
}

/** Library name → address or {{Contract}}, for an artifact whose bytecode links libraries. */
function Libraries({
  index,
  row,
  field,
  issues,
  onChange,
}: {
  index: number
  row: ContractDraft
  field: string
  issues: IssueIndex
  onChange: (patch: Partial<ContractDraft>) => void
}) {
  const set = (i: number, patch: Partial<ContractDraft['libraries'][number]>) =>
    onChange({ libraries: row.libraries.map((l, k) => (k === i ? { ...l, ...patch } : l)) })
  return (
    <div className="workload-sub">
      <div className="workload-sub-head">
        <span className="group-title">Libraries</span>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onChange({ libraries: [...row.libraries, { key: newKey('library'), name: '', value: '' }] })}
          data-testid={`contract-${index}-add-library`}
        >
          Add library
        </button>
      </div>
      {row.libraries.length === 0 && (
        <p className="muted small">
          None. A library the bytecode needs is linked to the workload contract of its name.
        </p>
      )}
      {row.libraries.map((l, i) => (
        <div className="fields library-row" key={l.key}>
          <TextControl
            issues={issues}
            name={`${field}.libraries[${i}].name`}
            label="Library"
            mono
            placeholder="MathLib or src/Math.sol:MathLib"
            value={l.name}
            onChange={(name) => set(i, { name })}
          />
          <div className="library-value">
            <TextControl
              issues={issues}
              name={`${field}.libraries.${l.name.trim()}`}
              label="Address"
              mono
              placeholder="0x… or {{MathLib}}"
              value={l.value}
              onChange={(value) => set(i, { value })}
            />
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => onChange({ libraries: row.libraries.filter((_, k) => k !== i) })}
              aria-label={`Remove library ${l.name || i + 1}`}
            >
              Remove
            </button>
          </div>
        </div>
      ))}
    </div>
  )
}
