import type { FieldIssue } from '@/services/errors/base'

/** Field issues by config key, for controls to find their own: `at('txs')`, `under('scenario.args[1]')`. */
export type IssueIndex = {
  all: readonly FieldIssue[]
  /** Messages about exactly this field. */
  at(field: string): string[]
  /** Issues about this field or anything inside it (`args[1].min`, `args[1][0]`). */
  under(prefix: string): FieldIssue[]
}

export function indexIssues(issues: readonly FieldIssue[]): IssueIndex {
  return {
    all: issues,
    at: (field) => issues.filter((i) => i.field === field).map((i) => i.message),
    under: (prefix) =>
      issues.filter((i) => i.field === prefix || i.field.startsWith(`${prefix}.`) || i.field.startsWith(`${prefix}[`)),
  }
}

/** Issues from several checks (browser, preview, launch), each once. */
export function mergeIssues(...lists: (readonly FieldIssue[] | undefined)[]): FieldIssue[] {
  const seen = new Set<string>()
  const out: FieldIssue[] = []
  for (const list of lists)
    for (const issue of list ?? []) {
      const key = `${issue.field}\n${issue.message}`
      if (!seen.has(key)) {
        seen.add(key)
        out.push(issue)
      }
    }
  return out
}

/** One message for a control: the field's messages, joined. */
export const messageOf = (messages: string[]): string | undefined => (messages.length ? messages.join('; ') : undefined)
