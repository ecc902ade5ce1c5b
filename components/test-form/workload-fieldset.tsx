'use client'

import type { ReactNode } from 'react'
import type { BuiltinDescription } from '@/services/contracts/builtin-descriptions'
import { TextControl } from './controls'
import type { IssueIndex } from './issues'
import type { ContractState } from './use-contract'
import { CallRow, callLabel } from './workload-call-row'
import { CheckRow } from './workload-check-row'
import { ContractRow } from './workload-contract-row'
import {
  type ContractDraft,
  emptyCall,
  emptyCheck,
  emptyContract,
  emptyStep,
  freeName,
  type WorkloadDraft,
} from './workload-draft'
import { expectedShares, moved, renameContract, replaced, without } from './workload-edits'
import { WorkloadRaw } from './workload-raw'
import { StepRow } from './workload-step-row'

function Section({
  id,
  title,
  help,
  issues,
  field,
  onAdd,
  addLabel,
  children,
}: {
  id: string
  title: string
  help: ReactNode
  issues: IssueIndex
  /** The list's own key (`scenario.calls`): errors about the list itself are shown here. */
  field: string
  onAdd: () => void
  addLabel: string
  children: ReactNode
}) {
  const own = issues.at(field)
  return (
    <section className="workload-section" aria-labelledby={`${id}-title`} data-testid={`workload-${id}`}>
      <div className="workload-section-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <code className="field-name">{field}</code>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={onAdd}
          data-testid={`add-${id}`}
        >
          {addLabel}
        </button>
      </div>
      <p className="field-help workload-section-help">{help}</p>
      {own.length > 0 && (
        <p className="field-error" role="alert" data-testid={`error-${field}`}>
          {field} {own.join('; ')}
        </p>
      )}
      <div className="workload-rows">{children}</div>
    </section>
  )
}

/**
 * The workload editor: named contracts, set-up steps, the weighted calls of the load and the
 * checks after it, as rows; and the same scenario as YAML. Errors from the schema (in the
 * browser) and from compiling it (the preview) are shown at the row and field they name.
 */
export function WorkloadFieldset({
  workload,
  onChange,
  states,
  builtins,
  senders,
  issues,
}: {
  workload: WorkloadDraft
  onChange: (update: (w: WorkloadDraft) => WorkloadDraft) => void
  states: ReadonlyMap<string, ContractState>
  builtins: readonly BuiltinDescription[]
  /** The run's senders, when known: a per-sender step makes that many txs. */
  senders: number | null
  issues: IssueIndex
}) {
  const w = workload
  const names = w.contracts.map((c) => c.name.trim()).filter(Boolean)
  const contractOf = (name: string) => {
    const row = w.contracts.find((c) => c.name.trim() === name)
    const state = row ? states.get(row.key) : undefined
    return { contract: state?.contract ?? null, loading: state?.status === 'loading' }
  }
  const shares = expectedShares(w.calls.map((c) => c.weight))
  const setupTxs = w.setup.reduce((n, s) => n + (s.forEach ? (senders ?? 0) : 1), 0)
  const patchContract = (i: number) => (p: Partial<ContractDraft>) =>
    onChange((x) => ({ ...x, contracts: x.contracts.map((c, k) => (k === i ? { ...c, ...p } : c)) }))

  return (
    <fieldset className="fieldset workload" data-testid="fieldset-workload-editor">
      <legend>Workload</legend>
      <p className="field-help">
        Contracts are deployed first (each after the ones it references), then the set-up steps run, then every tx of
        the load makes one of the calls, picked by weight. Checks read the chain before and after.
      </p>

      <Section
        id="contract"
        title={`Contracts (${w.contracts.length})`}
        field="scenario.contracts"
        help={<>Named contracts; {'{{Name}}'} in any argument is that contract’s address.</>}
        issues={issues}
        addLabel="Add contract"
        onAdd={() =>
          onChange((x) => ({ ...x, contracts: [...x.contracts, emptyContract(freeName(names, 'Contract'))] }))
        }
      >
        {w.contracts.map((c, i) => (
          <ContractRow
            key={c.key}
            index={i}
            count={w.contracts.length}
            row={c}
            state={states.get(c.key) ?? { status: 'none', contract: null, contracts: [], issues: [] }}
            names={names}
            builtins={builtins}
            issues={issues}
            onChange={patchContract(i)}
            onRename={(name) => onChange((x) => renameContract(x, i, name))}
            onMove={(by) => onChange((x) => ({ ...x, contracts: moved(x.contracts, i, by) }))}
            onRemove={() => onChange((x) => ({ ...x, contracts: without(x.contracts, i) }))}
          />
        ))}
      </Section>

      <Section
        id="step"
        title={`Set-up (${w.setup.length} step${w.setup.length === 1 ? '' : 's'}${setupTxs ? `, ${setupTxs} txs` : ''})`}
        field="scenario.setup"
        help="Calls made once, in order, after the deploys and before the load: funding, approvals, first liquidity."
        issues={issues}
        addLabel="Add step"
        onAdd={() => onChange((x) => ({ ...x, setup: [...x.setup, emptyStep(names[0] ?? '')] }))}
      >
        {w.setup.length === 0 && <p className="muted small">No set-up: the load starts right after the deploys.</p>}
        {w.setup.map((s, i) => (
          <StepRow
            key={s.key}
            index={i}
            count={w.setup.length}
            row={s}
            senders={senders}
            names={names}
            contractOf={contractOf}
            issues={issues}
            onChange={(p) => onChange((x) => ({ ...x, setup: replaced(x.setup, i, { ...x.setup[i]!, ...p }) }))}
            onMove={(by) => onChange((x) => ({ ...x, setup: moved(x.setup, i, by) }))}
            onRemove={() => onChange((x) => ({ ...x, setup: without(x.setup, i) }))}
          />
        ))}
      </Section>

      <Section
        id="call"
        title={`Calls (${w.calls.length})`}
        field="scenario.calls"
        help="The load: each tx makes one of these, picked by weight. Each row is its own label in every number."
        issues={issues}
        addLabel="Add call"
        onAdd={() => onChange((x) => ({ ...x, calls: [...x.calls, emptyCall(names[0] ?? '')] }))}
      >
        {w.calls.map((c, i) => (
          <CallRow
            key={c.key}
            index={i}
            count={w.calls.length}
            row={c}
            label={callLabel(w.calls, i)}
            share={shares[i] ?? 0}
            names={names}
            contractOf={contractOf}
            issues={issues}
            onChange={(p) => onChange((x) => ({ ...x, calls: replaced(x.calls, i, { ...x.calls[i]!, ...p }) }))}
            onMove={(by) => onChange((x) => ({ ...x, calls: moved(x.calls, i, by) }))}
            onRemove={() => onChange((x) => ({ ...x, calls: without(x.calls, i) }))}
          />
        ))}
      </Section>

      <Section
        id="check"
        title={`Checks (${w.checks.length})`}
        field="scenario.checks"
        help="View functions read before and after the load: the run proves the protocol stayed correct."
        issues={issues}
        addLabel="Add check"
        onAdd={() => onChange((x) => ({ ...x, checks: [...x.checks, emptyCheck(names[0] ?? '')] }))}
      >
        {w.checks.length === 0 && <p className="muted small">No checks.</p>}
        {w.checks.map((c, i) => (
          <CheckRow
            key={c.key}
            index={i}
            count={w.checks.length}
            row={c}
            names={names}
            contractOf={contractOf}
            issues={issues}
            onChange={(p) => onChange((x) => ({ ...x, checks: replaced(x.checks, i, { ...x.checks[i]!, ...p }) }))}
            onMove={(by) => onChange((x) => ({ ...x, checks: moved(x.checks, i, by) }))}
            onRemove={() => onChange((x) => ({ ...x, checks: without(x.checks, i) }))}
          />
        ))}
      </Section>

      <div className="fields">
        <TextControl
          issues={issues}
          name="scenario.seed"
          label="Seed"
          numeric
          placeholder="1"
          value={w.seed}
          onChange={(seed) => onChange((x) => ({ ...x, seed }))}
          help="Same seed, same mix and the same random arguments."
        />
      </div>

      <details className="workload-raw-box" data-testid="workload-raw-box">
        <summary data-testid="workload-raw-toggle">Scenario as YAML / JSON</summary>
        <WorkloadRaw workload={w} onChange={(next) => onChange(() => next)} />
      </details>
    </fieldset>
  )
}
