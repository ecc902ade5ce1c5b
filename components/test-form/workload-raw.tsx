'use client'

import { useEffect, useRef, useState } from 'react'
import { parse, stringify } from 'yaml'
import { configToWorkload } from './config-to-workload'
import type { ConfigJson } from './draft'
import { isRecord } from './spec-to-arg'
import type { WorkloadDraft } from './workload-draft'
import { workloadToConfig } from './workload-to-config'

const toYaml = (scenario: ConfigJson) => stringify(scenario, { lineWidth: 0 })

/** The text as a workload, or why it is not one (the rows stay as they are). */
function read(text: string): { workload: WorkloadDraft } | { error: string } {
  let value: unknown
  try {
    value = parse(text)
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) }
  }
  if (!isRecord(value)) return { error: 'The scenario must be a mapping: name, contracts, setup, calls, checks.' }
  if (value.name !== undefined && value.name !== 'workload')
    return { error: `name is ${JSON.stringify(value.name)}: this editor holds a workload (name: workload).` }
  return { workload: configToWorkload(value) }
}

/**
 * The scenario as YAML (JSON is YAML too, so pasting either works). Rows → text whenever the rows
 * change; text → rows as it is typed, when it parses; text that does not parse says why and
 * leaves the rows alone.
 */
export function WorkloadRaw({
  workload,
  onChange,
}: {
  workload: WorkloadDraft
  onChange: (workload: WorkloadDraft) => void
}) {
  const scenario = { name: 'workload', ...workloadToConfig(workload) }
  const json = JSON.stringify(scenario)
  const [text, setText] = useState(() => toYaml(scenario))
  const [error, setError] = useState<string | null>(null)
  // The config the last edit of the text made: the rows' echo of it must not rewrite what is being typed.
  const echo = useRef<string | null>(null)

  useEffect(() => {
    if (json === echo.current) return
    echo.current = null
    setText(toYaml(JSON.parse(json) as ConfigJson))
    setError(null)
  }, [json])

  return (
    <div className="workload-raw" data-testid="workload-raw">
      <label htmlFor="workload-raw-text" className="group-title">
        The scenario as YAML <span className="muted">(or paste JSON)</span>
      </label>
      <textarea
        id="workload-raw-text"
        className="mono"
        rows={18}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          const next = e.target.value
          setText(next)
          const r = read(next)
          if ('error' in r) return setError(r.error)
          setError(null)
          echo.current = JSON.stringify({ name: 'workload', ...workloadToConfig(r.workload) })
          onChange(r.workload)
        }}
        data-testid="workload-raw-text"
        {...(error ? { 'aria-invalid': true, 'aria-describedby': 'workload-raw-error' } : {})}
      />
      {error ? (
        <p className="field-error" id="workload-raw-error" role="alert" data-testid="workload-raw-error">
          Not applied: {error}
        </p>
      ) : (
        <p className="field-help">Edit here or in the rows: each follows the other.</p>
      )}
    </div>
  )
}
