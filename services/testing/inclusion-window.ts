import type { TxRecord } from './tx'

/**
 * Included txs are kept in memory while a reorg could still take their block away: those of the
 * newest `reorgWindowBlocks` blocks, at most the newest `reorgWindowTxs` of them. The tracker
 * finds a common ancestor in the last 256 blocks exactly and every 256th block before
 * (docs/architecture.md#gaps), so 1,024 blocks covers a reorg of some 700 blocks with one tx each
 * (automine); under load (thousands of txs a block) the count bound holds memory instead. A tx
 * that left the window stays counted as included: a reorg deeper than this shows at the end as
 * `chainAgrees: false` (the sender's nonce on chain disagrees), not as a silent miscount.
 */
export const reorgWindowBlocks = 1_024n
export const reorgWindowTxs = 20_000

/** The included records a reorg could reopen, oldest first (insertion order = inclusion order). */
export function createInclusionWindow() {
  const records = new Map<TxRecord, bigint>()
  let newest = -1n

  return {
    /** A tx just included (or included again after a reorg: it moves to the end). */
    add(r: TxRecord, block: bigint) {
      records.delete(r)
      records.set(r, block)
      if (block > newest) newest = block
      for (const [old, at] of records) {
        if (records.size <= reorgWindowTxs && at + reorgWindowBlocks > newest) break
        records.delete(old)
      }
    },
    /** Back in flight (a reorg): it re-enters when it is included again. */
    delete(r: TxRecord) {
      records.delete(r)
    },
    values(): IterableIterator<TxRecord> {
      return records.keys()
    },
    get size() {
      return records.size
    },
  }
}
