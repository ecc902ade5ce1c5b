'use client'

import { useEffect, useMemo } from 'react'
import type { ContractDescription, DescribeResult } from '@/services/abi/describe'
import type { BuiltinDescription } from '@/services/contracts/builtin-descriptions'
import type { FieldIssue } from '@/services/errors/base'
import type { TargetDraft } from './draft'
import { useDebouncedPost } from './use-debounced-post'

export type ContractState = {
  status: 'none' | 'loading' | 'ready' | 'choose' | 'error'
  contract: ContractDescription | null
  /** solc output with several contracts: the names to choose from. */
  contracts: string[]
  /** What was wrong with the ABI/artifact, named by the config key it came from. */
  issues: FieldIssue[]
}

const none: ContractState = { status: 'none', contract: null, contracts: [], issues: [] }

/** The pasted text as the artifact to send: ABI + bytecode only (no AST, no metadata), so the config stays small. */
function compactArtifact(c: ContractDescription): string | null {
  if (c.format === 'abi' || c.format === 'builtin' || !c.bytecode) return null
  return JSON.stringify({
    ...(c.contractName ? { contractName: c.contractName } : {}),
    abi: c.abi,
    bytecode: c.bytecode,
  })
}

/**
 * The contract a custom call targets: a built-in one (described by the server page), or whatever
 * the user pasted, described by POST /api/abi as they type. A pasted artifact is replaced by its
 * compact form (`onCompact`) once understood.
 */
export function useContract(
  target: TargetDraft,
  active: boolean,
  builtins: readonly BuiltinDescription[],
  onCompact: (field: 'abi' | 'artifact', text: string) => void,
): ContractState {
  const field = target.kind === 'address' ? 'abi' : 'artifact'
  const source = target.kind === 'address' ? target.abi : target.artifact
  const body =
    active && target.kind !== 'builtin' && source.trim()
      ? JSON.stringify({ source, ...(target.contractName.trim() ? { contractName: target.contractName.trim() } : {}) })
      : null
  const answer = useDebouncedPost<DescribeResult>('/api/abi', body)
  const current = answer.forBody === body ? answer.result : null

  const compact = current?.ok && current.data.kind === 'contract' ? current.data.contract : null
  useEffect(() => {
    if (!compact) return
    if (field === 'artifact') {
      const text = compactArtifact(compact)
      if (text && text.length < source.length) onCompact('artifact', text)
    } else if (compact.format !== 'abi') onCompact('abi', JSON.stringify(compact.abi, null, 2))
  }, [compact, field, source, onCompact])

  return useMemo((): ContractState => {
    if (!active) return none
    if (target.kind === 'builtin') {
      const builtin = builtins.find((b) => b.name === target.builtin)
      return builtin ? { ...none, status: 'ready', contract: builtin.contract } : none
    }
    if (body === null) return none
    if (!current) return { ...none, status: 'loading' }
    if (current.ok)
      return current.data.kind === 'choose'
        ? { ...none, status: 'choose', contracts: current.data.contracts }
        : { ...none, status: 'ready', contract: current.data.contract }
    const rename = (f: string) =>
      f === 'source' ? `scenario.target.${field}` : f === 'contractName' ? 'scenario.target.contractName' : f
    const issues = (current.error.issues ?? [{ field: 'source', message: current.error.message }]).map((i) => ({
      ...i,
      field: rename(i.field),
    }))
    return { ...none, status: 'error', issues }
  }, [active, target.kind, target.builtin, builtins, body, current, field])
}
