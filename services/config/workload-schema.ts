import { z } from 'zod'
import { argSpecSchema } from '../abi/arg-spec'
import { builtinContracts } from '../contracts/builtin-names'
import { stateCheckSchema } from './state-check-schema'

/**
 * A protocol workload (docs/scenarios.md#workload): named contracts deployed in the order their
 * references need, set-up calls (once, or for every sender), then a weighted mix of calls.
 */

const wei = z
  .union([
    z.string().regex(/^(0x[0-9a-fA-F]+|[0-9]+)$/, { error: 'must be a whole number of wei' }),
    z.number().int().nonnegative(),
  ])
  .transform((v) => BigInt(v))

/** Workload limits: enough for any protocol we know of, small enough to preview. */
export const workloadLimits = { contracts: 32, setupSteps: 64, calls: 64, checks: 20 } as const

/** What `{{Name}}` references: a JS-identifier-like name, so it reads well in args and labels. */
export const contractNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, { error: 'must be a 20-byte 0x address' })

const contractSource = z.union(
  [
    z.strictObject({
      /** A Foundry/Hardhat artifact, solc standard-JSON or --combined-json output (JSON, or a path in a file). */
      artifact: z.unknown(),
      contractName: z.string().optional(),
      constructorArgs: z.array(argSpecSchema).default([]),
      /** Library name (`Lib` or `path/File.sol:Lib`) → address or `{{Contract}}`. */
      libraries: z.record(z.string(), z.string()).default({}),
    }),
    z.strictObject({
      builtin: z.enum(builtinContracts),
      constructorArgs: z.array(argSpecSchema).optional(),
    }),
    z.strictObject({ address, abi: z.unknown() }),
  ],
  { error: 'must be {artifact, contractName?, constructorArgs?, libraries?}, {builtin} or {address, abi}' },
)

const callBase = {
  /** A contract of the workload, by name. */
  contract: z.string().min(1, { error: 'must name a contract of the workload' }),
  /** A name, a signature (when overloaded) or a 4-byte selector. */
  function: z.string().min(1, { error: 'must name a function' }),
  /** One generator per argument; `{{Name}}` references work in values. */
  args: z.array(argSpecSchema).default([]),
  value: wei.default(0n),
  gas: wei.optional(),
}

/** What a set-up call's own return value must be (simulated before it is sent). */
const expectedResult = z.union(
  [
    z.strictObject({ equals: z.union([z.string(), z.number(), z.boolean()]) }),
    z.strictObject({ atLeast: z.union([z.string(), z.number()]) }),
  ],
  { error: 'must be {equals} or {atLeast}' },
)

const setupStep = z.strictObject({
  ...callBase,
  /** Absent: once. `sender`: once for every sender ({{sender}} is that sender). */
  forEach: z.literal('sender', { error: 'must be "sender" (or absent: once)' }).optional(),
  /** Who sends it; default: the sender a `forEach` step is for, else the deployer. */
  from: z.enum(['deployer', 'sender'], { error: 'must be "deployer" or "sender"' }).optional(),
  expect: expectedResult.optional(),
})

const callRow = z.strictObject({
  ...callBase,
  /** Shown in metrics and reports; default `Contract.function` (numbered when repeated). */
  name: z.string().trim().min(1).max(80).optional(),
  /** Relative share of the load: a tx picks this call with probability weight / Σ weights. */
  weight: z.number({ error: 'must be a number' }).positive({ error: 'must be more than 0' }).max(1_000_000),
})

const workloadCheck = stateCheckSchema.extend({
  /** The contract whose view function is read. */
  contract: z.string().min(1, { error: 'must name a contract of the workload' }),
})

export const workloadSchema = z.strictObject({
  name: z.literal('workload'),
  contracts: z
    .record(
      z.string().regex(contractNamePattern, { error: 'must be a name like TokenA (letters, digits, _)' }),
      contractSource,
    )
    .refine((c) => Object.keys(c).length >= 1, { error: 'needs at least one contract' })
    .refine((c) => Object.keys(c).length <= workloadLimits.contracts, {
      error: `at most ${workloadLimits.contracts} contracts`,
    }),
  setup: z
    .array(setupStep)
    .max(workloadLimits.setupSteps, { error: `at most ${workloadLimits.setupSteps} steps` })
    .default([]),
  calls: z
    .array(callRow)
    .min(1, { error: 'needs at least one call' })
    .max(workloadLimits.calls, { error: `at most ${workloadLimits.calls} calls` }),
  checks: z
    .array(workloadCheck)
    .max(workloadLimits.checks, { error: `at most ${workloadLimits.checks} checks` })
    .default([]),
  /** Seed of the mix and of the random generators: the same seed, the same txs. */
  seed: z.number().int().default(1),
})

export type WorkloadConfig = z.output<typeof workloadSchema>
export type WorkloadContractSource = WorkloadConfig['contracts'][string]
export type WorkloadSetupStep = WorkloadConfig['setup'][number]
export type WorkloadCall = WorkloadConfig['calls'][number]
export type WorkloadCheck = WorkloadConfig['checks'][number]
