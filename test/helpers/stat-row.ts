import type { TxStatRow } from '../../services/metrics/tx-group-stats'

/** A stored tx row as the per-group numbers read it: a mined transfer unless told otherwise. */
export const statRow = (over: Partial<TxStatRow> = {}): TxStatRow => ({
  label: 'transfer',
  role: 'planned',
  account: '0xAa',
  state: 'mined',
  gas_used: '21000',
  latency_ms: 100,
  tx_type: null,
  receipt_type: null,
  blob_gas_used: null,
  blob_gas_price: null,
  ...over,
})
