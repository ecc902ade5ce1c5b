import { groupStats, type TxGroupStats, type TxStatRow } from './tx-group-stats'

/** One contract function (or operation: "transfer", "nonce gap fill") of a run and its txs. */
export type FunctionStats = {
  /** The function or operation label; '' for txs that never got one (cancelled before planning). */
  label: string
  /** Gap fills are the engine's own txs, kept apart from the planned ones. */
  role: 'planned' | 'gap-fill'
} & TxGroupStats

const roleOf = (r: TxStatRow): FunctionStats['role'] => (r.role === 'gap-fill' ? 'gap-fill' : 'planned')

/**
 * Per-function numbers from the stored tx rows: one entry per (role, label).
 * Computed once the run's rows are complete (the report) or again from SQLite (the tests).
 */
export function functionStats(rows: Iterable<TxStatRow>): FunctionStats[] {
  // The key keeps role and label apart with a character neither holds.
  const groups = groupStats(rows, (r) => `${roleOf(r)}\u0000${r.label}`)
  return (
    [...groups]
      .map(([key, stats]): FunctionStats => {
        const [role, label] = key.split('\u0000') as [FunctionStats['role'], string]
        return { label, role, ...stats }
      })
      // The planned functions first, most txs first; the engine's gap fills last.
      .sort(
        (a, b) =>
          Number(a.role === 'gap-fill') - Number(b.role === 'gap-fill') ||
          b.count - a.count ||
          a.label.localeCompare(b.label),
      )
  )
}
