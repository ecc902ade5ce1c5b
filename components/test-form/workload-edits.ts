import { reservedRefNames } from '@/services/abi/templates'
import { contractNamePattern } from '@/services/config/workload-schema'
import type { FieldIssue } from '@/services/errors/base'
import type { ArgDraft } from './draft'
import type { CallCommonDraft, WorkloadDraft } from './workload-draft'

/** Row edits of the workload editor, pure: move, remove, rename with its references, and the checks only rows can fail. */

export function moved<T>(rows: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by
  if (to < 0 || to >= rows.length) return [...rows]
  const out = [...rows]
  ;[out[from], out[to]] = [out[to] as T, out[from] as T]
  return out
}

export const without = <T>(rows: readonly T[], index: number): T[] => rows.filter((_, i) => i !== index)
export const replaced = <T>(rows: readonly T[], index: number, row: T): T[] =>
  rows.map((r, i) => (i === index ? row : r))

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function renameInArg(a: ArgDraft, from: string, to: string): ArgDraft {
  const ref = new RegExp(`\\{\\{\\s*${escapeRegExp(from)}\\s*\\}\\}`, 'g')
  return {
    ...a,
    contract: a.contract === from ? to : a.contract,
    value: a.value.replace(ref, `{{${to}}}`),
    values: a.values.replace(ref, `{{${to}}}`),
  }
}

function renameInCall<T extends CallCommonDraft>(c: T, from: string, to: string): T {
  return { ...c, contract: c.contract === from ? to : c.contract, args: c.args.map((a) => renameInArg(a, from, to)) }
}

/**
 * Contract `index` renamed: the rows that named it (contract pickers, `{{Old}}`, `contract` and
 * `balanceFraction` generators) follow, unless another contract still has the old name.
 */
export function renameContract(w: WorkloadDraft, index: number, name: string): WorkloadDraft {
  const from = w.contracts[index]?.name ?? ''
  const contracts = w.contracts.map((c, i) => (i === index ? { ...c, name } : c))
  const shared = w.contracts.some((c, i) => i !== index && c.name === from)
  // {{sender}} and the like already mean something: renaming from or to them must not touch those references.
  const reserved = reservedRefNames.includes(from) || reservedRefNames.includes(name)
  if (!from || shared || reserved) return { ...w, contracts }
  return {
    ...w,
    contracts: contracts.map((c) => ({
      ...c,
      constructorArgs: c.constructorArgs.map((a) => renameInArg(a, from, name)),
    })),
    setup: w.setup.map((s) => renameInCall(s, from, name)),
    calls: w.calls.map((c) => renameInCall(c, from, name)),
    checks: w.checks.map((c) => ({
      ...c,
      contract: c.contract === from ? name : c.contract,
      args: c.args.map((a) => a.split(`{{${from}}}`).join(`{{${name}}}`)),
    })),
  }
}

/** What the config cannot say about the rows: a name two rows share (one would be lost), a name `{{…}}` cannot hold. */
export function workloadRowIssues(w: WorkloadDraft): FieldIssue[] {
  const issues: FieldIssue[] = []
  const seen = new Set<string>()
  for (const c of w.contracts) {
    const name = c.name.trim()
    const field = `scenario.contracts.${name}`
    if (!contractNamePattern.test(name))
      issues.push({ field, message: 'must be a name like TokenA: a letter or _, then letters, digits or _' })
    else if (seen.has(name)) issues.push({ field, message: `names two contracts; each needs its own name` })
    seen.add(name)
  }
  return issues
}

/** Each call's expected share of the load, from the weights as typed (0 where a weight is not a number yet). */
export function expectedShares(weights: readonly string[]): number[] {
  const ws = weights.map((w) => {
    const n = Number(w.trim())
    return w.trim() && Number.isFinite(n) && n > 0 ? n : 0
  })
  const total = ws.reduce((a, b) => a + b, 0)
  return ws.map((w) => (total > 0 ? w / total : 0))
}
