'use client'

import type { ChangeEvent } from 'react'
import type { AbiParameter } from 'viem'
import type { BuiltinDescription } from '@/services/contracts/builtin-descriptions'
import { Field } from '../field'
import { optionsOf, SelectControl, TextAreaControl, TextControl } from './controls'
import { builtins, positional, type TargetDraft, type TargetKind } from './draft'
import type { IssueIndex } from './issues'
import type { ContractState } from './use-contract'

const kindLabels: Record<TargetKind, { label: string; help: string }> = {
  builtin: { label: 'Built-in contract', help: 'Deployed for the run from contracts/.' },
  address: { label: 'Deployed contract', help: 'Already on the node: its address and ABI.' },
  artifact: { label: 'Artifact to deploy', help: 'Foundry, Hardhat or solc output; deployed by the first sender.' },
}

/** Reads a chosen file as text into the draft (an artifact or an ABI). */
function readFile(event: ChangeEvent<HTMLInputElement>, onText: (text: string) => void) {
  const file = event.target.files?.[0]
  if (!file) return
  void file.text().then(onText)
  event.target.value = ''
}

export function UploadButton({ id, label, onText }: { id: string; label: string; onText: (text: string) => void }) {
  return (
    <label className="button button-secondary button-small upload" htmlFor={id}>
      {label}
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        onChange={(e) => readFile(e, onText)}
        data-testid={`${id}-input`}
      />
    </label>
  )
}

function ContractStatus({ state }: { state: ContractState }) {
  if (state.status === 'loading') return <p className="muted small contract-status">Reading the ABI…</p>
  if (state.status !== 'ready' || !state.contract) return null
  const c = state.contract
  const callable = c.functions.filter((f) => !f.readOnly).length
  const bytes = c.bytecode ? (c.bytecode.length - 2) / 2 : 0
  return (
    <p className="contract-status small" data-testid="contract-status">
      <strong>{c.contractName ?? 'Contract'}</strong>{' '}
      <span className="muted">
        {c.format === 'builtin' ? 'built-in' : c.format} · {c.functions.length} function(s), {callable} that send
        {bytes ? ` · ${(bytes / 1024).toFixed(1)} KB of bytecode` : ''}
      </span>
    </p>
  )
}

/** Constructor arguments of a contract to deploy, one input per parameter, typed from its ABI. */
function ConstructorArgs({
  inputs,
  values,
  onChange,
  issues,
  optional,
}: {
  inputs: readonly AbiParameter[]
  values: string[]
  onChange: (values: string[]) => void
  issues: IssueIndex
  optional: boolean
}) {
  if (!inputs.length) return null
  return (
    <>
      {positional(inputs, 'constructor').map(({ item: param, index: i, key }) => (
        <TextControl
          key={key}
          issues={issues}
          name={`scenario.target.constructorArgs[${i}]`}
          label={`Constructor: ${param.name || `arg ${i}`}`}
          mono
          placeholder={optional ? 'default' : param.type}
          value={values[i] ?? ''}
          onChange={(v) => {
            const next = inputs.map((_, k) => values[k] ?? '')
            next[i] = v
            onChange(next)
          }}
          help={<code>{param.type}</code>}
        />
      ))}
    </>
  )
}

/** Where a custom call goes: a built-in contract, a deployed one (address + ABI), or an artifact to deploy. */
export function TargetFieldset({
  target,
  onChange,
  contract,
  builtinList,
  issues,
}: {
  target: TargetDraft
  onChange: (patch: Partial<TargetDraft>) => void
  contract: ContractState
  builtinList: readonly BuiltinDescription[]
  issues: IssueIndex
}) {
  const constructorInputs = contract.contract?.constructorInputs ?? []
  return (
    <fieldset className="fieldset" data-testid="fieldset-target">
      <legend>Target</legend>
      <div className="segmented" role="radiogroup" aria-label="Target kind">
        {(Object.keys(kindLabels) as TargetKind[]).map((kind) => (
          <label key={kind} className={target.kind === kind ? 'segment is-on' : 'segment'}>
            <input
              type="radio"
              name="target-kind"
              value={kind}
              checked={target.kind === kind}
              onChange={() => onChange({ kind })}
              data-testid={`target-kind-${kind}`}
            />
            {kindLabels[kind].label}
          </label>
        ))}
      </div>
      <p className="field-help segmented-help">{kindLabels[target.kind].help}</p>

      <div className="fields">
        {target.kind === 'builtin' && (
          <>
            <SelectControl
              issues={issues}
              name="scenario.target.builtin"
              label="Contract"
              className="span-2"
              value={target.builtin}
              options={optionsOf(builtins)}
              onChange={(builtin) => onChange({ builtin, constructorArgs: [] })}
              help={builtinList.find((b) => b.name === target.builtin)?.summary}
            />
            <ConstructorArgs
              inputs={constructorInputs}
              values={target.constructorArgs}
              onChange={(constructorArgs) => onChange({ constructorArgs })}
              issues={issues}
              optional
            />
          </>
        )}

        {target.kind === 'address' && (
          <>
            <TextControl
              issues={issues}
              name="scenario.target.address"
              label="Contract address"
              className="span-2"
              mono
              placeholder="0x… (20 bytes)"
              value={target.address}
              onChange={(address) => onChange({ address })}
            />
            <div className="span-2">
              <TextAreaControl
                issues={issues}
                name="scenario.target.abi"
                label="ABI"
                rows={8}
                placeholder='[{"type":"function","name":"transfer","inputs":[…],…}]'
                value={target.abi}
                onChange={(abi) => onChange({ abi })}
                help="Paste the ABI JSON, or a whole Foundry/Hardhat artifact (its ABI is kept)."
              />
              <UploadButton id="upload-abi" label="Upload JSON…" onText={(abi) => onChange({ abi })} />
            </div>
          </>
        )}

        {target.kind === 'artifact' && (
          <>
            <div className="span-2">
              <TextAreaControl
                issues={issues}
                name="scenario.target.artifact"
                label="Artifact"
                rows={8}
                placeholder="Foundry out/X.sol/X.json, a Hardhat artifact, or solc standard-JSON output"
                value={target.artifact}
                onChange={(artifact) => onChange({ artifact })}
                help="Once read, it is kept as ABI + bytecode only, so the test stays small."
              />
              <UploadButton id="upload-artifact" label="Upload JSON…" onText={(artifact) => onChange({ artifact })} />
            </div>
            {(contract.status === 'choose' || target.contractName) && (
              <ContractNamePicker target={target} contract={contract} onChange={onChange} issues={issues} />
            )}
            <ConstructorArgs
              inputs={constructorInputs}
              values={target.constructorArgs}
              onChange={(constructorArgs) => onChange({ constructorArgs })}
              issues={issues}
              optional={false}
            />
          </>
        )}
      </div>
      <ContractStatus state={contract} />
    </fieldset>
  )
}

function ContractNamePicker({
  target,
  contract,
  onChange,
  issues,
}: {
  target: TargetDraft
  contract: ContractState
  onChange: (patch: Partial<TargetDraft>) => void
  issues: IssueIndex
}) {
  if (contract.status !== 'choose')
    return (
      <TextControl
        issues={issues}
        name="scenario.target.contractName"
        label="Contract name"
        value={target.contractName}
        onChange={(contractName) => onChange({ contractName })}
        help="Picks one contract of a solc output."
      />
    )
  const id = 'f-scenario-target-contractName'
  return (
    <Field id={id} label="Contract" name="scenario.target.contractName" help="This solc output has several contracts.">
      <select
        id={id}
        value={target.contractName}
        onChange={(e) => onChange({ contractName: e.target.value })}
        data-testid="field-scenario.target.contractName"
      >
        <option value="">Choose…</option>
        {contract.contracts.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </Field>
  )
}
