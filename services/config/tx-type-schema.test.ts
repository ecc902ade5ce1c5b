import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/base'
import { parseTestConfig } from './parse'

function issue(input: unknown) {
  try {
    parseTestConfig(input)
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as ConfigError).issues[0]
  }
  throw new Error('expected a ConfigError')
}

describe('txType and its options', () => {
  it('absent: no type is named (the chain decides); given blob and authorization options get their defaults', () => {
    const c = parseTestConfig({})
    expect(c.txType).toBeUndefined()
    expect(c.accessList).toBe('empty')
    expect(c.blobs).toBeUndefined()
    expect(parseTestConfig({ blobs: {} }).blobs).toEqual({ perTx: 1, data: 'random', distinct: 4 })
    expect(parseTestConfig({ authorization: {} }).authorization).toEqual({ authority: 'fresh', perTx: 1 })
  })

  it('one type, or a weighted mix', () => {
    expect(parseTestConfig({ txType: 'eip4844' }).txType).toBe('eip4844')
    expect(parseTestConfig({ txType: { legacy: 1, eip7702: 3 } }).txType).toEqual({ legacy: 1, eip7702: 3 })
  })

  it.each([
    [{ txType: 'eip1558' }, 'txType', /legacy, eip2930, eip1559, eip4844, eip7702/],
    [{ txType: { eip1559: 0 } }, 'txType.eip1559', /above 0/],
    [{ txType: {} }, 'txType', /at least one type/],
    [{ blobs: { perTx: 7 } }, 'blobs.perTx', /at most 6/],
    [{ blobs: { data: 'abc' } }, 'blobs.data', /0x-hex bytes/],
    [{ accessList: 'auto' }, 'accessList', /empty, generated/],
    [{ authorization: { perTx: 0 } }, 'authorization.perTx', /at least 1/],
    [{ txType: 'eip4844', nodeAccounts: true }, 'txType', /signed here, with keys.*nodeAccounts/],
    [
      { txType: { eip7702: 1, legacy: 1 }, impersonate: [`0x${'1'.repeat(40)}`] },
      'txType',
      /eip7702 txs are signed here/,
    ],
  ])('%j is refused naming %s', (input, field, message) => {
    const i = issue(input)
    expect(i?.field).toBe(field)
    expect(i?.message).toMatch(message)
  })
})
