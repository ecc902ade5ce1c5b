import fc from 'fast-check'
import { RpcRequestError } from 'viem'
import { describe, expect, it } from 'vitest'
import { classifyError } from './classify'
import { txErrorKinds } from './tx-error'

const known: [string, string][] = [
  ['nonce too low', 'nonce-too-low'],
  ['Insufficient funds for gas * price + value', 'insufficient-funds'],
  ['replacement transaction underpriced', 'replacement-underpriced'],
  ['transaction already imported', 'already-known'],
  ['max fee per gas less than block base fee', 'fee-below-base-fee'],
  ['intrinsic gas too low', 'intrinsic-gas-too-low'],
  ['invalid chain id for signer', 'wrong-chain'],
]

describe('classifyError (properties)', () => {
  it('never throws and always answers a known kind with a hint, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (thing) => {
        const e = classifyError(thing)
        expect(txErrorKinds).toContain(e.kind)
        expect(e.hint?.length).toBeGreaterThan(10)
        expect(typeof e.retryable).toBe('boolean')
      }),
      { numRuns: 500 },
    )
  })

  it('finds the node message inside whatever wraps it, in any case', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...known),
        fc.string(),
        fc.string(),
        fc.boolean(),
        fc.integer({ min: -32099, max: -32000 }),
        ([message, kind], before, after, upper, code) => {
          const text = `${before.replace(/[a-z]/gi, '')} ${upper ? message.toUpperCase() : message} ${after.replace(/[a-z]/gi, '')}`
          const error = new RpcRequestError({ body: {}, url: 'http://127.0.0.1:8545', error: { code, message: text } })
          expect(classifyError(error).kind).toBe(kind)
          expect(classifyError(new Error('wrapped', { cause: error })).kind).toBe(kind)
        },
      ),
      { numRuns: 300 },
    )
  })
})
