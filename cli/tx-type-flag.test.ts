import { describe, expect, it } from 'vitest'
import { loadConfig, txTypeFlag } from './load-config'

describe('--tx-type and --blobs-per-tx', () => {
  it('a name stays a name; a list of type=weight is a mix (a bare type weighs 1)', () => {
    expect(txTypeFlag('eip4844')).toBe('eip4844')
    expect(txTypeFlag('legacy=1, eip1559=3,eip7702')).toEqual({ legacy: 1, eip1559: 3, eip7702: 1 })
  })

  it('reach the config, --blobs-per-tx as blobs.perTx; a bad weight is named', () => {
    const c = loadConfig(undefined, { txType: txTypeFlag('eip1559=1,eip4844=2'), blobsPerTx: 3 })
    expect(c.txType).toEqual({ eip1559: 1, eip4844: 2 })
    expect(c.blobs?.perTx).toBe(3)
    expect(() => loadConfig(undefined, { txType: txTypeFlag('legacy=lots') })).toThrow(/txType/)
  })
})
