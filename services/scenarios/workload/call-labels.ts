/** What a workload call row is called in metrics, reports and the live counters. */
export type LabelledCall = { name?: string; contract: string; function: string }

/** `Contract.function` without the parameter list: a call row's label before numbering. */
export const baseLabel = (contract: string, fn: string) => `${contract}.${fn.replace(/\(.*$/, '')}`

/**
 * Each row's label: its `name`, else `Contract.function`, numbered from the second row that calls
 * the same one (`Pool.swap#2`). Pure and dependency-free: the form and the run page use it too.
 */
export function callLabels(calls: readonly LabelledCall[]): string[] {
  const seen = new Map<string, number>()
  return calls.map((c) => {
    if (c.name) return c.name
    const base = baseLabel(c.contract, c.function)
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return n === 1 ? base : `${base}#${n}`
  })
}
