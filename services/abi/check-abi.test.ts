import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/base'
import { maxTypeLength, parseAbiType } from './abi-type'
import { checkAbi, maxTupleDepth } from './check-abi'

const fnWith = (input: unknown) => [{ type: 'function', name: 'f', inputs: [input], outputs: [] }]

function tupleNested(depth: number): Record<string, unknown> {
  let param: Record<string, unknown> = { name: 'x', type: 'uint8' }
  for (let i = 0; i < depth; i++) param = { name: 'x', type: 'tuple', components: [param] }
  return param
}

function issue(abi: unknown[]): string {
  try {
    checkAbi(abi)
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as ConfigError).issues[0]?.message ?? ''
  }
  throw new Error('accepted')
}

// Found by the input fuzzing (test/e2e/api-fuzz.e2e.test.ts, cli/load-config.fuzz.test.ts): both
// overflowed the stack, a 500 from the API and an internal error from the CLI.
describe('ABI limits against pasted monsters', () => {
  it('a type string of thousands of array dimensions is no ABI type (not a stack overflow)', () => {
    expect(parseAbiType(`uint8${'[]'.repeat(60_000)}`)).toBeUndefined()
    expect(issue(fnWith({ name: 'x', type: `uint8${'[]'.repeat(60_000)}` }))).toMatch(/not an ABI type/)
    // Up to the cap, deep arrays are still types.
    const deepest = `uint8${'[]'.repeat((maxTypeLength - 5) / 2)}`
    expect(deepest.length).toBeLessThanOrEqual(maxTypeLength)
    expect(parseAbiType(deepest)).toMatchObject({ kind: 'array' })
  })

  it('tuples nested deeper than the limit are refused, naming the place', () => {
    expect(() => checkAbi(fnWith(tupleNested(maxTupleDepth)))).not.toThrow()
    expect(issue(fnWith(tupleNested(maxTupleDepth + 1)))).toMatch(
      new RegExp(`inputs\\[0\\](\\.components\\[0\\])+ nests tuples deeper than ${maxTupleDepth} levels`),
    )
    expect(issue(fnWith(tupleNested(20_000)))).toMatch(/nests tuples deeper/)
  })
})
