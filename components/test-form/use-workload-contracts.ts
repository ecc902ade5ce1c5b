'use client'

import { useEffect, useMemo, useRef, useState } from 'react'
import type { ContractDescription, DescribeResult } from '@/services/abi/describe'
import type { BuiltinDescription } from '@/services/contracts/builtin-descriptions'
import { type ApiResult, callApi } from '../api-client'
import type { ContractState } from './use-contract'
import type { ContractDraft } from './workload-draft'

const none: ContractState = { status: 'none', contract: null, contracts: [], issues: [] }
const debounceMs = 300

/** What POST /api/abi is asked about a row: its pasted artifact or ABI (null: a built-in, or nothing pasted). */
function bodyOf(c: ContractDraft): string | null {
  if (c.source === 'builtin') return null
  const source = c.source === 'address' ? c.abi : c.artifact
  if (!source.trim()) return null
  return JSON.stringify({ source, ...(c.contractName.trim() ? { contractName: c.contractName.trim() } : {}) })
}

/** The compact text of an understood artifact (ABI + bytecode), or of an ABI pulled out of a whole artifact. */
function compacted(c: ContractDraft, d: ContractDescription): string | null {
  if (c.source === 'address') return d.format === 'abi' ? null : JSON.stringify(d.abi, null, 2)
  if (d.format === 'abi' || d.format === 'builtin' || !d.bytecode) return null
  const text = JSON.stringify({
    ...(d.contractName ? { contractName: d.contractName } : {}),
    abi: d.abi,
    bytecode: d.bytecode,
  })
  return text.length < c.artifact.length ? text : null
}

function stateOf(c: ContractDraft, answer: ApiResult<DescribeResult> | undefined): ContractState {
  if (!answer) return { ...none, status: 'loading' }
  const field = `scenario.contracts.${c.name.trim()}`
  if (answer.ok)
    return answer.data.kind === 'choose'
      ? { ...none, status: 'choose', contracts: answer.data.contracts }
      : { ...none, status: 'ready', contract: answer.data.contract }
  const sourceKey = c.source === 'address' ? 'abi' : 'artifact'
  const rename = (f: string) =>
    f === 'source' ? `${field}.${sourceKey}` : f === 'contractName' ? `${field}.contractName` : `${field}.${f}`
  const issues = (answer.error.issues ?? [{ field: 'source', message: answer.error.message }]).map((i) => ({
    ...i,
    field: rename(i.field),
  }))
  return { ...none, status: 'error', issues }
}

/**
 * Every contract row of a workload, described: a built-in from the page's list, a pasted artifact
 * or ABI by POST /api/abi once it stops changing. Keyed by row key. An understood artifact is
 * replaced by its compact form (`onCompact`), so saved tests stay small.
 */
export function useWorkloadContracts(
  contracts: readonly ContractDraft[],
  builtins: readonly BuiltinDescription[],
  active: boolean,
  onCompact: (key: string, text: string) => void,
): Map<string, ContractState> {
  const [answers, setAnswers] = useState<ReadonlyMap<string, ApiResult<DescribeResult>>>(new Map())
  const asked = useRef(new Set<string>())
  const bodies = active ? contracts.map(bodyOf) : []
  const wanted = bodies.filter((b): b is string => b !== null && !answers.has(b))
  const wantedKey = JSON.stringify(wanted)

  useEffect(() => {
    const list = JSON.parse(wantedKey) as string[]
    const fresh = list.filter((b) => !asked.current.has(b))
    if (!fresh.length) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      for (const body of fresh) {
        asked.current.add(body)
        void callApi<DescribeResult>('/api/abi', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: controller.signal,
        }).then((result) => {
          asked.current.delete(body)
          if (!controller.signal.aborted) setAnswers((m) => new Map(m).set(body, result))
        })
      }
    }, debounceMs)
    return () => {
      clearTimeout(timer)
      controller.abort()
      for (const body of fresh) asked.current.delete(body)
    }
  }, [wantedKey])

  const states = useMemo(() => {
    const out = new Map<string, ContractState>()
    if (!active) return out
    for (const c of contracts) {
      if (c.source === 'builtin') {
        const b = builtins.find((x) => x.name === c.builtin)
        out.set(c.key, b ? { ...none, status: 'ready', contract: b.contract } : none)
        continue
      }
      const body = bodyOf(c)
      out.set(c.key, body === null ? none : stateOf(c, answers.get(body)))
    }
    return out
  }, [active, contracts, builtins, answers])

  // Once understood, a big artifact becomes ABI + bytecode (the same description, so no new request is needed).
  useEffect(() => {
    for (const c of contracts) {
      const s = states.get(c.key)
      if (s?.status !== 'ready' || !s.contract) continue
      const text = compacted(c, s.contract)
      if (!text) continue
      const before = bodyOf(c)
      const after = bodyOf(c.source === 'address' ? { ...c, abi: text } : { ...c, artifact: text })
      const answer = before ? answers.get(before) : undefined
      if (after && answer) setAnswers((m) => new Map(m).set(after, answer))
      onCompact(c.key, text)
    }
  }, [contracts, states, answers, onCompact])

  return states
}
