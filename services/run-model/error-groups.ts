import { kindInfo, type TxErrorKind } from '../errors/tx-error'
import type { TxErrorInfo } from '../testing/tx'

/** Failed attempts of one kind and call label: one row of the errors panel and the report. */
export type ErrorGroup = {
  kind: TxErrorKind
  label: string
  title: string
  count: number
  /** Attempts that were retried rather than final. */
  retried: number
  hint: string
  /** The group's first message (its raw node answer where there is one). */
  sample: string
  firstAt: number
  lastAt: number
}

export type ErrorGroups = Map<string, ErrorGroup>

/** One failed attempt into its group; the first of a group gives its sample and hint. */
export function addError(
  groups: ErrorGroups,
  e: { at: number; label?: string; error: TxErrorInfo; willRetry: boolean },
): void {
  const key = `${e.error.kind}|${e.label ?? ''}`
  const g = groups.get(key)
  if (g) {
    g.count++
    g.retried += e.willRetry ? 1 : 0
    g.lastAt = e.at
    return
  }
  groups.set(key, {
    kind: e.error.kind,
    label: e.label ?? '',
    title: kindInfo[e.error.kind].title,
    count: 1,
    retried: e.willRetry ? 1 : 0,
    hint: e.error.hint ?? kindInfo[e.error.kind].hint,
    sample: e.error.raw ?? e.error.message,
    firstAt: e.at,
    lastAt: e.at,
  })
}

/** Largest first. */
export const errorGroupsOf = (groups: ErrorGroups): ErrorGroup[] =>
  [...groups.values()].sort((a, b) => b.count - a.count)
