import type { RunContext } from './run-context'
import type { TxRecord } from './tx'

/** Every tx of the run (planned and gap fillers) that has no terminal state yet. */
export function openRecords(ctx: Pick<RunContext, 'ledger'>): TxRecord[] {
  return ctx.ledger.openRecords()
}
