import { type TxType, txTypeByte, txTypes } from '../config/tx-type-schema'
import { isIncluded } from '../testing/tx'
import { createTxGroupStats, type TxGroupAccumulator, type TxGroupStats, type TxStatRow } from './tx-group-stats'

/** One transaction type of a run (docs/metrics.md#tx-types): its txs, what the chain typed them, blob gas. */
export type TxTypeStats = {
  /** The planned type; "default" = none named (EIP-1559, or legacy on a chain without a base fee). */
  type: TxType | 'default'
  /** Included txs whose receipt has another type than the one planned (0 unless the node rewrote them). */
  receiptTypeMismatch: number
  /** EIP-4844: blob gas of the included txs, and the lowest and highest price paid (wei per unit, decimal). */
  blobs: { gasUsed: string; minPriceWei: string; maxPriceWei: string } | null
} & TxGroupStats

const typeOfRow = (r: TxStatRow): TxTypeStats['type'] =>
  (txTypes as readonly string[]).includes(r.tx_type ?? '') ? (r.tx_type as TxType) : 'default'

/** Per-type numbers of the planned txs, from the stored rows (in the order of the type bytes). */
export function txTypeStats(rows: Iterable<TxStatRow>): TxTypeStats[] {
  const groups = new Map<
    TxTypeStats['type'],
    { acc: TxGroupAccumulator; mismatch: number; blobGas: bigint; min?: bigint; max?: bigint }
  >()
  for (const r of rows) {
    if (r.role === 'gap-fill') continue
    const type = typeOfRow(r)
    let g = groups.get(type)
    if (!g) {
      g = { acc: createTxGroupStats(), mismatch: 0, blobGas: 0n }
      groups.set(type, g)
    }
    g.acc.add(r)
    const included = isIncluded(r.state)
    if (included && type !== 'default' && r.receipt_type !== null && r.receipt_type !== txTypeByte(type)) g.mismatch++
    if (included && r.blob_gas_used !== null) {
      g.blobGas += BigInt(r.blob_gas_used)
      if (r.blob_gas_price !== null) {
        const p = BigInt(r.blob_gas_price)
        if (g.min === undefined || p < g.min) g.min = p
        if (g.max === undefined || p > g.max) g.max = p
      }
    }
  }
  const order = (t: TxTypeStats['type']) => (t === 'default' ? -1 : txTypeByte(t))
  return [...groups]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([type, g]) => ({
      type,
      ...g.acc.result(),
      receiptTypeMismatch: g.mismatch,
      blobs:
        g.blobGas > 0n
          ? { gasUsed: g.blobGas.toString(), minPriceWei: String(g.min ?? 0n), maxPriceWei: String(g.max ?? 0n) }
          : null,
    }))
}
