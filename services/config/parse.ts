import type { z } from 'zod'
import { ConfigError, type FieldIssue } from '../errors/base'
import { type TestConfig, type TestConfigInput, testConfigSchema } from './schema'

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(config)'
    if (issue.code === 'unrecognized_keys')
      return { field: issue.keys.join(', '), message: 'is not a known field (see docs/config.md)' }
    return { field, message: issue.message }
  })
}

/** Validates anything (a file, a request body, CLI flags) into a TestConfig or throws ConfigError. */
export function parseTestConfig(input: unknown): TestConfig {
  const result = testConfigSchema.safeParse(input)
  if (!result.success) throw new ConfigError(issuesOf(result.error))
  return result.data
}

/**
 * A config as plain JSON (bigints as decimal strings), the form stored, reported and returned by
 * the API. The mnemonic is secret and never leaves the server.
 */
export function publicConfig(config: TestConfig): TestConfigInput {
  const { mnemonic: _secret, ...rest } = config
  return JSON.parse(JSON.stringify(rest, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))
}
