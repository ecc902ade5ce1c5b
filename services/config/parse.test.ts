import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/base'
import { parseTestConfig, publicConfig, shareableConfig } from './parse'

function issues(input: unknown) {
  try {
    parseTestConfig(input)
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as ConfigError).issues
  }
  throw new Error('expected a ConfigError')
}

describe('test config', () => {
  it('fills defaults', () => {
    const c = parseTestConfig({})
    expect(c).toMatchObject({ mode: 'concurrent', txs: 100, accounts: 10, batchSize: 100, value: 1n })
  })

  it.each([
    [{ txs: 0 }, 'txs', /at least 1/],
    [{ txs: -5 }, 'txs', /at least 1/],
    [{ txs: 1e9 }, 'txs', /at most 1000000/],
    [{ txs: 1.5 }, 'txs', /whole number/],
    [{ txs: 'many' }, 'txs', /number/],
    [{ accounts: 0 }, 'accounts', /at least 1/],
    [{ mode: 'fast' }, 'mode', /one of: sequential, concurrent, multi-user/],
    [{ rpcUrl: 'localhost:8545' }, 'rpcUrl', /http/],
    [{ rpcUrl: 'ftp://x' }, 'rpcUrl', /http/],
    [{ rpcUrls: ['http://127.0.0.1:8545', 'localhost:8546'] }, 'rpcUrls[1]', /http/],
    [{ rpcUrls: [] }, 'rpcUrls', /at least 1 URL/],
    [{ rpcUrls: ['http://a:1'], forkUrl: 'http://b:2' }, 'rpcUrls', /nodes you bring/],
    [{ sendPolicy: 'spray' }, 'sendPolicy', /round-robin, by-account, broadcast/],
    [{ replaceAfterMs: 50 }, 'replaceAfterMs', /at least 100/],
    [{ replaceWith: 'drop' }, 'replaceWith', /speed-up, cancel/],
    [{ maxReplacements: 11 }, 'maxReplacements', /at most 10/],
    // Found by the input fuzzing: parsed as a URL, then answered as "node unavailable" (503).
    [{ rpcUrl: 'http://127.0.0.1:0' }, 'rpcUrl', /http/],
    [{ value: '-1' }, 'value', /whole number of wei/],
    [{ to: '0x1234' }, 'to', /20-byte/],
    [{ mnemonic: 'not a real mnemonic' }, 'mnemonic', /BIP-39/],
    [{ txz: 5 }, 'txz', /not a known field/],
    // Found by the input fuzzing: an empty key was named "" (no field at all).
    [{ '': 5 }, '""', /not a known field/],
    [{ scenario: { name: 'transfer', '': 1 } }, 'scenario.""', /not a known field/],
  ])('%j → names %s', (input, field, message) => {
    const found = issues(input).find((i) => i.field === field)
    expect(found?.message).toMatch(message)
  })

  it('never lets the mnemonic into the public form', () => {
    const c = parseTestConfig({ mnemonic: 'test test test test test test test test test test test junk' })
    expect(JSON.stringify(publicConfig(c))).not.toContain('junk')
  })

  it('never lets private keys into the public form', () => {
    const key = `0x${'ab'.repeat(32)}`
    const funderKey = `0x${'cd'.repeat(32)}`
    const text = JSON.stringify(publicConfig(parseTestConfig({ privateKeys: [key], funderKey })))
    expect(text).not.toContain('abab')
    expect(text).not.toContain('cdcd')
  })

  it('names nested fields as the config writes them', () => {
    const fields = issues({
      stages: [{ durationMs: 1000, rate: -1 }],
      scenario: { name: 'gas-limit', bogus: 1 },
      txz: 1,
      accountz: 2,
    }).map((i) => i.field)
    expect(fields).toEqual(expect.arrayContaining(['stages[0].rate', 'scenario.bogus', 'txz', 'accountz']))
  })
})

describe('shareableConfig', () => {
  it('keeps an RPC URL’s scheme, host and port only: API keys ride in paths and queries', () => {
    expect(shareableConfig({ txs: 1, rpcUrl: 'https://eth.example.com/v3/0123456789abcdef' }).rpcUrl).toBe(
      'https://eth.example.com/…',
    )
    expect(shareableConfig({ rpcUrl: 'https://user:pw@node.example:8545?key=s3cret' }).rpcUrl).toBe(
      'https://node.example:8545/…',
    )
    expect(shareableConfig({ rpcUrl: 'http://127.0.0.1:8545' }).rpcUrl).toBe('http://127.0.0.1:8545')
    expect(shareableConfig({ txs: 3 })).toEqual({ txs: 3 })
    expect(shareableConfig({ rpcUrls: ['http://127.0.0.1:8545', 'https://l2.example/rpc/k3y'] }).rpcUrls).toEqual([
      'http://127.0.0.1:8545',
      'https://l2.example/…',
    ])
  })
})

describe('a shortened RPC URL given back', () => {
  it('is refused with what to do, not dialled', () => {
    expect(issues({ rpcUrl: 'https://eth.example.com/…' })).toEqual([
      {
        field: 'rpcUrl',
        message: 'was shortened to hide what its path held (often an API key): enter the full URL again',
      },
    ])
  })
})
