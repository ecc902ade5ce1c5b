import type { AbiFunction } from 'viem'
import type { FunctionSummary } from '@/services/abi/describe'
import { compileArgGenerators } from '@/services/abi/generators'
import { issuesOf } from '@/services/config/parse'
import { testConfigSchema } from '@/services/config/schema'
import type { FieldIssue } from '@/services/errors/base'
import type { ConfigJson } from './draft'

/**
 * In-browser checks with the server's own code: the zod schema the API parses with, and — once
 * the contract's ABI is known — the argument generators the run compiles, so a bad argument is
 * named the moment it is typed. The server checks again on preview and on launch.
 */
export function validateConfig(config: ConfigJson, functions: readonly FunctionSummary[] | null): FieldIssue[] {
  const parsed = testConfigSchema.safeParse(config)
  const schemaIssues = parsed.success ? [] : issuesOf(parsed.error)
  const scenario = config.scenario as ConfigJson | undefined
  const call = scenario?.name === 'custom-call' && functions ? callIssues(config, scenario, functions) : []
  // The generators know the ABI types: where both speak about one field, theirs is the message.
  const byCall = new Set(call.map((i) => i.field))
  return dedupe([...schemaIssues.filter((i) => !byCall.has(i.field)), ...call])
}

/** The function picked, by signature, selector or (unique) name, as the server finds it. */
export function resolveFunction(functions: readonly FunctionSummary[], ref: string): FunctionSummary | undefined {
  const wanted = ref.trim()
  if (!wanted) return undefined
  const bySignature = functions.find((f) => f.signature === wanted.replace(/\s+/g, '') || f.selector === wanted)
  if (bySignature) return bySignature
  const byName = functions.filter((f) => f.name === wanted)
  return byName.length === 1 ? byName[0] : undefined
}

function callIssues(config: ConfigJson, scenario: ConfigJson, functions: readonly FunctionSummary[]): FieldIssue[] {
  const ref = typeof scenario.function === 'string' ? scenario.function : ''
  if (!ref.trim()) return [{ field: 'scenario.function', message: 'pick a function to call' }]
  const fn = resolveFunction(functions, ref)
  if (!fn) return [{ field: 'scenario.function', message: `"${ref}" is not a function of this contract` }]
  if (fn.readOnly)
    return [
      { field: 'scenario.function', message: `${fn.signature} is ${fn.stateMutability}: a read, nothing to send` },
    ]
  const abiFunction: AbiFunction = {
    type: 'function',
    name: fn.name,
    inputs: fn.inputs,
    outputs: [],
    stateMutability: fn.stateMutability,
  }
  const count = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined)
  try {
    compileArgGenerators(abiFunction, Array.isArray(scenario.args) ? scenario.args : [], {
      seed: typeof scenario.seed === 'number' ? scenario.seed : 1,
      txs: count(config.txs),
      accounts: count(config.accounts),
      field: 'scenario.args',
    })
    return []
  } catch (error) {
    // ConfigError: by its shape, as the copy bundled here may differ from the server's.
    const issues = (error as { issues?: unknown }).issues
    if (Array.isArray(issues)) return issues as FieldIssue[]
    return [{ field: 'scenario.args', message: error instanceof Error ? error.message : String(error) }]
  }
}

function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>()
  return issues.filter((i) => {
    const key = `${i.field}\n${i.message}`
    return !seen.has(key) && seen.add(key)
  })
}
