'use client'

import { SelectControl, TextAreaControl, TextControl } from './controls'
import type { IssueIndex } from './issues'
import { UploadButton } from './target-fieldset'
import type { ContractState } from './use-contract'
import type { ContractDraft } from './workload-draft'

type SourceProps = {
  index: number
  field: string
  row: ContractDraft
  issues: IssueIndex
  onChange: (patch: Partial<ContractDraft>) => void
}

/** A contract deployed from an artifact: its JSON (pasted or uploaded) and, for solc output, which contract. */
export function ArtifactSource({ index, field, row, state, issues, onChange }: SourceProps & { state: ContractState }) {
  return (
    <>
      <div className="span-2">
        <TextAreaControl
          issues={issues}
          name={`${field}.artifact`}
          label="Artifact JSON"
          rows={4}
          placeholder="Foundry out/X.sol/X.json, a Hardhat artifact, or solc standard-JSON output"
          value={row.artifact}
          onChange={(artifact) => onChange({ artifact })}
          help="Paste it or upload the file; once read, only ABI + bytecode are kept."
        />
        <UploadButton
          id={`contract-${index}-upload`}
          label="Upload JSON…"
          onText={(artifact) => onChange({ artifact })}
        />
      </div>
      {state.status === 'choose' ? (
        <SelectControl
          issues={issues}
          name={`${field}.contractName`}
          label="Contract in this output"
          value={row.contractName}
          options={[{ value: '', label: 'Choose…' }, ...state.contracts.map((c) => ({ value: c, label: c }))]}
          onChange={(contractName) => onChange({ contractName })}
          help="This solc output holds several contracts."
        />
      ) : (
        <TextControl
          issues={issues}
          name={`${field}.contractName`}
          label="Contract name"
          value={row.contractName}
          placeholder="optional"
          onChange={(contractName) => onChange({ contractName })}
          help="Picks one contract of a solc output."
        />
      )}
    </>
  )
}

/** A contract already on the node: its address and ABI. */
export function AddressSource({ index, field, row, issues, onChange }: SourceProps) {
  return (
    <>
      <TextControl
        issues={issues}
        name={`${field}.address`}
        label="Address"
        className="span-2"
        mono
        placeholder="0x… (20 bytes)"
        value={row.address}
        onChange={(address) => onChange({ address })}
      />
      <div className="span-2">
        <TextAreaControl
          issues={issues}
          name={`${field}.abi`}
          label="ABI"
          rows={4}
          placeholder='[{"type":"function","name":"transfer",…}]'
          value={row.abi}
          onChange={(abi) => onChange({ abi })}
          help="The ABI JSON, or a whole artifact (its ABI is kept)."
        />
        <UploadButton id={`contract-${index}-upload-abi`} label="Upload JSON…" onText={(abi) => onChange({ abi })} />
      </div>
    </>
  )
}
