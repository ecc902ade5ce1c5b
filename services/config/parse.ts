import type { z } from 'zod'
import { redactUrl } from '../chain/node-info'
import { ConfigError, type FieldIssue } from '../errors/base'
import { type TestConfig, type TestConfigInput, testConfigSchema } from './schema'

/** A key as a field name; an empty key (`{"": 1}`) is shown as `""`, so no issue goes unnamed. */
const keyName = (p: PropertyKey) => (p === '' ? '""' : String(p))

/** A zod path as the config is written: `scenario.args[1].min`, `stages[0].rate` (as the ABI tools name them). */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${keyName(p)}` : keyName(p)),
    '',
  )
}

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    // One issue per unknown key, each named where it is (`scenario.bogus`), so a form can show it by its field.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        field: fieldOf([...issue.path, key]),
        message: 'is not a known field (see docs/config.md)',
      }))
    return [{ field: issue.path.length ? fieldOf(issue.path) : '(config)', message: issue.message }]
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
 * the API. Secrets never leave the server: the mnemonic, sender private keys and the funder's key
 * are left out (the report's accounts carry the senders' addresses).
 */
export function publicConfig(config: TestConfig): TestConfigInput {
  const { mnemonic: _mnemonic, privateKeys: _keys, funderKey: _funderKey, ...rest } = config
  return JSON.parse(JSON.stringify(rest, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))
}

/**
 * A stored config as it leaves the server (API answers, reports): an RPC URL keeps only its
 * scheme, host and port, since providers put API keys in the path or query. The store keeps the
 * whole URL, which is what continuing an interrupted run needs; "Run again" asks for it anew.
 */
export function shareableConfig(config: TestConfigInput): TestConfigInput {
  const out = { ...config }
  if (typeof out.rpcUrl === 'string') out.rpcUrl = redactUrl(out.rpcUrl)
  if (typeof out.forkUrl === 'string') out.forkUrl = redactUrl(out.forkUrl)
  if (Array.isArray(out.rpcUrls)) out.rpcUrls = out.rpcUrls.map((u) => (typeof u === 'string' ? redactUrl(u) : u))
  return out
}
