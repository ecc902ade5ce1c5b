import type { AbiFunction, AbiParameter } from 'viem'
import { expect } from 'vitest'
import { ConfigError, type FieldIssue } from '../errors/base'

/** Runs `fn`, expects a ConfigError and returns its issues (any other outcome fails the test). */
export function issuesOf(fn: () => unknown): FieldIssue[] {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as ConfigError).issues
  }
  throw new Error('expected a ConfigError, got a result')
}

/** The one issue of a ConfigError, for cases that have exactly one thing wrong. */
export function issueOf(fn: () => unknown): FieldIssue {
  const issues = issuesOf(fn)
  expect(issues).toHaveLength(1)
  return issues[0]!
}

/** A nonpayable function `f` with these inputs: the smallest ABI item a test can parse args for. */
export const fnOf = (...inputs: AbiParameter[]): AbiFunction => ({
  type: 'function',
  name: 'f',
  inputs,
  outputs: [],
  stateMutability: 'nonpayable',
})
