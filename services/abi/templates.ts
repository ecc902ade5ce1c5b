import type { Address } from 'viem'
import { isObject } from './json'
import { fail } from './messages'

/**
 * `"{{Name}}"` references inside argument values (docs/scenarios.md#references): a workload
 * contract's address, `{{deployer}}`, `{{sender}}` (the tx's sender, or the sender a set-up step
 * is for) and `{{accounts[3]}}`. Resolved when a tx is made, so they work in constructor
 * arguments, set-up steps and calls alike.
 */

/** What references resolve against. */
export type RefValues = {
  contracts: Readonly<Record<string, Address>>
  deployer: Address
  sender: Address
  accounts: readonly Address[]
}

/** What may be referenced: checked before the run, so a typo is bad input, not a failed tx. */
export type RefNames = { contracts: readonly string[]; accounts?: number }

const pattern = /\{\{\s*([^{}]*?)\s*\}\}/g
const reserved = ['deployer', 'sender', 'accounts'] as const
/** Names a workload may not give a contract: they already mean something in a reference. */
export const reservedRefNames: readonly string[] = reserved

/** Every reference in a value (strings, arrays, objects), in order. */
export function refsIn(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(pattern)].map((m) => m[1] ?? '')
  if (Array.isArray(value)) return value.flatMap(refsIn)
  if (isObject(value)) return Object.values(value).flatMap(refsIn)
  return []
}

/** The workload contracts a value references (for the deploy order). */
export function contractRefsIn(value: unknown, names: readonly string[]): string[] {
  return refsIn(value).filter((r) => names.includes(r))
}

/** Fails, naming the field, on a reference to nothing the run has. */
export function checkRefs(value: unknown, names: RefNames | undefined, field: string): void {
  for (const ref of refsIn(value)) {
    if (ref === 'deployer' || ref === 'sender') continue
    const index = /^accounts\[(\d+)\]$/.exec(ref)?.[1]
    if (index !== undefined) {
      if (names?.accounts !== undefined && Number(index) >= names.accounts)
        fail(field, `{{${ref}}}: the run has ${names.accounts} accounts (0 to ${names.accounts - 1})`)
      continue
    }
    if (names?.contracts.includes(ref)) continue
    const known = [...(names?.contracts ?? []), 'deployer', 'sender', 'accounts[N]']
    fail(field, `{{${ref}}} names nothing the run has; it may name: ${known.join(', ')}`)
  }
}

/** The value with every reference replaced by its address. */
export function resolveRefs(value: unknown, refs: RefValues): unknown {
  if (typeof value === 'string') return value.replace(pattern, (_, ref: string) => resolveOne(ref, refs))
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, refs))
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, refs)]))
  return value
}

function resolveOne(ref: string, refs: RefValues): string {
  if (ref === 'deployer') return refs.deployer
  if (ref === 'sender') return refs.sender
  const index = /^accounts\[(\d+)\]$/.exec(ref)?.[1]
  const found = index !== undefined ? refs.accounts[Number(index)] : refs.contracts[ref]
  // Names were checked before the run; only a smaller account set than checked gets here.
  if (!found) throw new Error(`{{${ref}}} has no address in this run`)
  return found
}
