import { HttpRequestError, RpcRequestError, TimeoutError } from 'viem'
import { describe, expect, it } from 'vitest'
import { classifyError } from './classify'

const rpc = (code: number, message: string) =>
  new RpcRequestError({ body: {}, url: 'http://127.0.0.1:8545', error: { code, message } })

describe('classifyError', () => {
  it.each([
    [-32003, 'nonce too low', 'nonce-too-low', 'consumed', true],
    [-32003, 'Insufficient funds for gas * price + value', 'insufficient-funds', 'free', false],
    [-32003, 'replacement transaction underpriced', 'replacement-underpriced', 'consumed', true],
    [-32003, 'transaction already imported', 'already-known', 'consumed', false],
    [-32000, 'intrinsic gas too high -- tx.gas_limit > env.block.gas_limit', 'gas-above-block-limit', 'free', false],
    [-32000, 'intrinsic gas too low', 'intrinsic-gas-too-low', 'free', false],
    [-32003, 'max fee per gas less than block base fee', 'fee-below-base-fee', 'free', true],
    [
      -32003,
      'Block `blob_gas_price` is greater than tx-specified `max_fee_per_blob_gas`',
      'blob-fee-too-low',
      'free',
      true,
    ],
    [-32003, 'invalid chain id for signer', 'wrong-chain', 'free', false],
    [-32602, 'No Signer available', 'unknown-sender', 'free', false],
    [-32005, 'request limit reached', 'rate-limited', 'free', true],
    [-32603, 'something broke', 'node-internal', 'unknown', true],
  ])('Anvil %i "%s" → %s', (code, message, kind, nonce, retryable) => {
    const e = classifyError(rpc(code, message))
    expect(e.kind).toBe(kind)
    expect(e.nonceEffect).toBe(nonce)
    expect(e.retryable).toBe(retryable)
    expect(e.raw).toContain(message.split(' ')[0])
    expect(e.hint?.length).toBeGreaterThan(20)
  })

  it('timeouts and refused connections are retryable with an unknown nonce', () => {
    expect(classifyError(new TimeoutError({ body: {}, url: 'http://x' })).kind).toBe('timeout')
    const refused = new HttpRequestError({
      url: 'http://x',
      cause: Object.assign(new Error('fetch failed'), { cause: new Error('connect ECONNREFUSED') }),
    })
    const e = classifyError(refused)
    expect(e.kind).toBe('connection')
    expect(e.nonceEffect).toBe('unknown')
  })

  it('HTTP 429 is rate limiting, 5xx is the node', () => {
    expect(classifyError(new HttpRequestError({ url: 'http://x', status: 429 })).kind).toBe('rate-limited')
    expect(classifyError(new HttpRequestError({ url: 'http://x', status: 502 })).kind).toBe('node-internal')
  })

  it('unknown messages are not retried', () => {
    const e = classifyError(new Error('the moon is made of cheese'))
    expect(e.kind).toBe('unknown')
    expect(e.retryable).toBe(false)
  })
})
