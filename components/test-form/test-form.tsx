'use client'

import { useCallback, useEffect, useMemo, useState } from 'react'
import type { BuiltinDescription } from '@/services/contracts/builtin-descriptions'
import type { RunPreview } from '@/services/runs/preview-types'
import type { SavedTest } from '@/services/runs/saved-tests'
import { ActionBar } from './action-bar'
import { AdvancedPanel, advancedKeys } from './advanced-panel'
import { CallFieldset } from './call-fieldset'
import { isChainConfirmed } from './chain-confirm'
import { ChainConfirmation } from './chain-confirmation'
import { configToDraft } from './config-to-draft'
import type { CallDraft, ConfigJson, Draft, ScenarioDraft, TargetDraft } from './draft'
import { draftToConfig } from './draft-to-config'
import { indexIssues, mergeIssues } from './issues'
import { LoadFieldset } from './load-fieldset'
import { PreviewPanel } from './preview-panel'
import { isRendered } from './rendered-fields'
import { SavedTestsBar } from './saved-tests-bar'
import { ScenarioFieldset } from './scenario-fieldset'
import { SummaryBar } from './summary-bar'
import { TargetFieldset } from './target-fieldset'
import { TemplatePicker } from './template-picker'
import { templates } from './templates'
import { useContract } from './use-contract'
import { useDebouncedPost } from './use-debounced-post'
import { useLaunch } from './use-launch'
import { useSavedTests } from './use-saved-tests'
import { useWorkloadContracts } from './use-workload-contracts'
import { resolveFunction, validateConfig } from './validate'
import type { WorkloadDraft } from './workload-draft'
import { workloadRowIssues } from './workload-edits'
import { WorkloadFieldset } from './workload-fieldset'

export type TestFormProps = {
  builtins: BuiltinDescription[]
  savedTests: SavedTest[]
  /** What the form opens with: a saved test, a run's config, or a template. */
  initial: { config: ConfigJson; savedId: string | null; templateId: string | null }
}

const textOf = (d: Draft) => JSON.stringify(draftToConfig(d))

/** How many senders the run will have: as typed, else as the last preview counted them. */
function sendersOf(d: Draft, preview: RunPreview | null): number | null {
  const typed = Number(d.accounts.trim())
  if (d.accounts.trim() && Number.isSafeInteger(typed) && typed > 0) return typed
  return preview?.accounts.total ?? null
}

/**
 * The test configuration form. Its state is one Draft mirroring the config; every change is checked
 * in the browser with the API's own schema, previewed by the server (debounced), and launched as
 * the same JSON. A client component, fed plain data by the server page.
 */
export function TestForm({ builtins, savedTests, initial }: TestFormProps) {
  const [draft, setDraft] = useState<Draft>(() => configToDraft(initial.config))
  const [baseline, setBaseline] = useState(() => textOf(configToDraft(initial.config)))
  const [templateId, setTemplateId] = useState(initial.templateId)
  const [advancedOpen, setAdvancedOpen] = useState(false)

  const loadConfig = useCallback((config: unknown) => {
    const next = configToDraft(config)
    setDraft(next)
    setBaseline(textOf(next))
  }, [])
  const saved = useSavedTests(savedTests, initial.savedId, (test) => {
    if (test) loadConfig(test.config)
    setTemplateId(null)
  })
  const { state: launch, launch: startLaunch } = useLaunch()
  // What the user typed to confirm a chain that is not a local dev chain, and which chain it was for.
  const [chainTyped, setChainTyped] = useState<{ chainId: number | null; text: string }>({ chainId: null, text: '' })

  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }))
  const patchScenario = (p: Partial<ScenarioDraft>) => setDraft((d) => ({ ...d, scenario: { ...d.scenario, ...p } }))
  const patchCall = (p: Partial<CallDraft>) =>
    setDraft((d) => ({ ...d, scenario: { ...d.scenario, call: { ...d.scenario.call, ...p } } }))
  const patchTarget = (p: Partial<TargetDraft>) =>
    setDraft((d) => ({
      ...d,
      scenario: { ...d.scenario, call: { ...d.scenario.call, target: { ...d.scenario.call.target, ...p } } },
    }))
  const onCompact = useCallback((field: 'abi' | 'artifact', text: string) => {
    setDraft((d) => ({
      ...d,
      scenario: { ...d.scenario, call: { ...d.scenario.call, target: { ...d.scenario.call.target, [field]: text } } },
    }))
  }, [])

  const patchWorkload = (update: (w: WorkloadDraft) => WorkloadDraft) =>
    setDraft((d) => ({ ...d, scenario: { ...d.scenario, workload: update(d.scenario.workload) } }))
  const onCompactWorkload = useCallback((key: string, text: string) => {
    setDraft((d) => {
      const w = d.scenario.workload
      const contracts = w.contracts.map((c) =>
        c.key !== key ? c : c.source === 'address' ? { ...c, abi: text } : { ...c, artifact: text },
      )
      return { ...d, scenario: { ...d.scenario, workload: { ...w, contracts } } }
    })
  }, [])

  const config = useMemo(() => draftToConfig(draft), [draft])
  const configText = useMemo(() => JSON.stringify(config), [config])
  const isCall = draft.scenario.name === 'custom-call'
  const contract = useContract(draft.scenario.call.target, isCall, builtins, onCompact)
  const functions = contract.contract?.functions ?? null
  const fn = functions ? resolveFunction(functions, draft.scenario.call.function) : undefined

  const isWorkload = draft.scenario.name === 'workload'
  const workloadStates = useWorkloadContracts(
    draft.scenario.workload.contracts,
    builtins,
    isWorkload,
    onCompactWorkload,
  )
  const workloadIssues = useMemo(() => {
    if (!isWorkload) return []
    const rows = workloadRowIssues(draft.scenario.workload)
    return mergeIssues(rows, ...[...workloadStates.values()].map((s) => s.issues))
  }, [isWorkload, draft.scenario.workload, workloadStates])

  const browserIssues = useMemo(() => {
    // A bad contract name: the row check says what a name may be; the schema only says "Invalid key".
    const named = new Set(workloadIssues.map((i) => i.field))
    const schema = validateConfig(config, isCall ? functions : null).filter(
      (i) => !(named.has(i.field) && i.message === 'Invalid key in record'),
    )
    return mergeIssues(schema, isCall ? contract.issues : [], workloadIssues)
  }, [config, isCall, functions, contract.issues, workloadIssues])
  const previewAnswer = useDebouncedPost<RunPreview>('/api/preview', browserIssues.length ? null : configText)
  const previewCurrent = previewAnswer.forBody === configText ? previewAnswer.result : null
  const previewIssues = previewCurrent && !previewCurrent.ok ? (previewCurrent.error.issues ?? []) : []
  const launchIssues = launch.forText === configText ? launch.issues : []
  const saveIssues = saved.issues?.forText === configText ? saved.issues.issues : []

  const blocking = mergeIssues(browserIssues, previewIssues, launchIssues)
  const shown = indexIssues(mergeIssues(blocking, saveIssues))
  const otherIssues = shown.all.filter((i) => !isRendered(i.field, draft, fn))

  const lastGood = previewAnswer.lastOk
  // The last chain the preview saw is not a local dev chain: Launch waits for the typed confirmation,
  // given against an up-to-date preview (so the cost read is the cost launched).
  const chainToConfirm = lastGood && !lastGood.node.devChain ? lastGood : null
  const typedForChain = chainToConfirm && chainTyped.chainId === chainToConfirm.node.chainId ? chainTyped.text : ''
  const chainConfirmed =
    chainToConfirm !== null && previewCurrent?.ok === true && isChainConfirmed(typedForChain, chainToConfirm.node)
  const previewError =
    previewCurrent && !previewCurrent.ok && !previewCurrent.error.issues?.length ? previewCurrent.error : null

  // A closed Advanced panel opens when one of its fields needs fixing.
  const advancedBad = shown.all.some((i) => advancedKeys.includes(i.field))
  useEffect(() => {
    if (advancedBad) setAdvancedOpen(true)
  }, [advancedBad])

  return (
    <div className="test-page" data-testid="test-page">
      <header className="page-head">
        <div>
          <h1>{saved.savedId ? 'Saved test' : 'New test'}</h1>
          <p className="muted">Configure, preview what will be sent, then launch.</p>
        </div>
        <SavedTestsBar
          tests={saved.tests}
          savedId={saved.savedId}
          busy={saved.status.kind === 'saving'}
          onLoad={saved.load}
          onDuplicate={saved.duplicate}
          onDelete={saved.remove}
        />
      </header>

      <div className="test-layout">
        <div className="test-main">
          <TemplatePicker
            templates={templates}
            active={templateId}
            onPick={(t) => {
              loadConfig(t.config)
              setTemplateId(t.id)
              saved.load(null)
            }}
          />
          <form
            className="form test-form"
            noValidate
            aria-label="Test configuration"
            onSubmit={(e) => e.preventDefault()}
          >
            <ScenarioFieldset
              name={draft.name}
              onName={(name) => patch({ name })}
              scenario={draft.scenario}
              onChange={patchScenario}
              issues={shown}
            />
            {isCall && (
              <>
                <TargetFieldset
                  target={draft.scenario.call.target}
                  onChange={patchTarget}
                  contract={contract}
                  builtinList={builtins}
                  issues={shown}
                />
                <CallFieldset call={draft.scenario.call} onChange={patchCall} contract={contract} issues={shown} />
              </>
            )}
            {isWorkload && (
              <WorkloadFieldset
                workload={draft.scenario.workload}
                onChange={patchWorkload}
                states={workloadStates}
                builtins={builtins}
                senders={sendersOf(draft, lastGood)}
                issues={shown}
              />
            )}
            <LoadFieldset draft={draft} onChange={patch} issues={shown} />
            <AdvancedPanel
              draft={draft}
              onChange={patch}
              issues={shown}
              open={advancedOpen}
              onToggle={setAdvancedOpen}
            />
          </form>
        </div>

        <aside className="test-aside" aria-label="Preview and launch">
          <PreviewPanel
            view={{
              preview: lastGood,
              stale: previewAnswer.forBody !== configText || !previewCurrent?.ok,
              loading: previewAnswer.loading,
              blocked: blocking.length > 0,
              error: previewError,
            }}
          />
          {chainToConfirm && (
            <ChainConfirmation
              preview={chainToConfirm}
              typed={typedForChain}
              onType={(text) => setChainTyped({ chainId: chainToConfirm.node.chainId, text })}
            />
          )}
          <ActionBar
            issueCount={blocking.length}
            otherIssues={otherIssues}
            chainUnconfirmed={chainToConfirm !== null && !chainConfirmed}
            launching={launch.sending}
            launchError={launch.forText === configText ? launch.error : null}
            onLaunch={() => startLaunch(configText, { allowNonDevChain: chainConfirmed })}
            savedId={saved.savedId}
            dirty={configText !== baseline}
            save={saved.status}
            onSave={() => saved.save(config, false)}
            onSaveAsNew={() => saved.save(config, true)}
          />
        </aside>
      </div>
      <SummaryBar preview={lastGood} issueCount={blocking.length} />
    </div>
  )
}
