import { describe, expect, it } from 'vitest'
import { statRow } from '../../test/helpers/stat-row'
import type { TxStatRow } from './tx-group-stats'
import { txTypeStats } from './tx-type-stats'

const row = (over: Partial<TxStatRow>) => statRow({ label: 'increment()', ...over })

describe('txTypeStats', () => {
  it('groups the planned txs by type in type-byte order, with blob gas and receipts of another type', () => {
    const stats = txTypeStats([
      row({ tx_type: 'eip4844', receipt_type: 3, blob_gas_used: '131072', blob_gas_price: '7' }),
      row({ tx_type: 'eip4844', receipt_type: 3, blob_gas_used: '262144', blob_gas_price: '3' }),
      row({ tx_type: 'eip4844', state: 'failed', gas_used: null }),
      row({ tx_type: 'legacy', receipt_type: 2 }),
      row({ tx_type: 'legacy', receipt_type: 0 }),
      row({ tx_type: 'eip1559', role: 'gap-fill', receipt_type: 2 }),
      row({}),
    ])
    expect(stats.map((s) => s.type)).toEqual(['default', 'legacy', 'eip4844'])
    const [plain, legacy, blob] = stats
    expect(plain).toMatchObject({ count: 1, mined: 1, receiptTypeMismatch: 0, blobs: null })
    expect(legacy).toMatchObject({ count: 2, mined: 2, receiptTypeMismatch: 1 })
    expect(blob).toMatchObject({ count: 3, mined: 2, failed: 1, receiptTypeMismatch: 0 })
    expect(blob?.blobs).toEqual({ gasUsed: '393216', minPriceWei: '3', maxPriceWei: '7' })
  })
})
