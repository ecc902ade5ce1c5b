import type { RunContext } from './run-context'
import type { TxRecord } from './tx'

/** Every tx of the run (planned and gap fillers) that has no terminal state yet. */
export function openRecords(ctx: Pick<RunContext, 'ledger'>): TxRecord[] {
  const open: TxRecord[] = []
  for (const r of ctx.ledger.records.values()) if (!ctx.ledger.terminal(r)) open.push(r)
  for (const r of ctx.ledger.fillers) if (!ctx.ledger.terminal(r)) open.push(r)
  return open
}
