import { z } from 'zod'
import { argSpecSchema } from '../abi/arg-spec'
import { builtinContracts } from '../contracts/builtin-names'
import { stateCheckSchema } from './state-check-schema'
import { workloadSchema } from './workload-schema'

const wei = z
  .union([
    z.string().regex(/^(0x[0-9a-fA-F]+|[0-9]+)$/, { error: 'must be a whole number of wei' }),
    z.number().int().nonnegative(),
  ])
  .transform((v) => BigInt(v))
const count = (min: number, max: number) => z.number().int({ error: 'must be a whole number' }).min(min).max(max)

/**
 * The workload. Each scenario has its own options; `name` picks it. Absent = plain ETH
 * transfers. docs/scenarios.md describes each.
 */
export const scenarioSchema = z.discriminatedUnion(
  'name',
  [
    z.strictObject({ name: z.literal('transfer') }),
    /** Counter.increment() as a mix of transaction types (txType; absent = all five alike), each receipt's type checked. */
    z.strictObject({ name: z.literal('tx-types') }),
    z.strictObject({
      name: z.literal('rapid-transfer'),
      token: z.enum(['eth', 'erc20']).default('eth'),
      /** Amount per transfer (wei, or token base units). */
      amount: wei.default(1n),
    }),
    z.strictObject({
      name: z.literal('concurrent-users'),
      /** Each journey: approve the next user, transfer to them, read the balance back. */
      journeysPerUser: count(1, 10_000).default(1),
      amount: wei.default(1000n),
    }),
    z.strictObject({
      name: z.literal('batch-operations'),
      /** Transfers bundled in one batchTransfer tx. */
      opsPerTx: count(2, 500).default(20),
      amount: wei.default(1n),
    }),
    z.strictObject({
      name: z.literal('gas-limit'),
      /** Ramp: gas limits from rampFrom to rampTo × the block gas limit, in rampSteps steps. */
      rampFrom: z.number().positive().max(1).default(0.9),
      rampTo: z.number().min(1).max(2).default(1.1),
      rampSteps: count(2, 1000).default(21),
      /** Then this many txs each burning a quarter of a block. */
      fillTxs: count(0, 100_000).default(40),
    }),
    z.strictObject({
      name: z.literal('custom-call'),
      /** A deployed contract (address + ABI), or an artifact to deploy, or a built-in contract. */
      target: z.union(
        [
          z.strictObject({
            address: z.string().regex(/^0x[0-9a-fA-F]{40}$/, { error: 'must be a 20-byte 0x address' }),
            abi: z.unknown(),
          }),
          z.strictObject({
            artifact: z.unknown(),
            contractName: z.string().optional(),
            constructorArgs: z.array(z.unknown()).default([]),
            /** Deployed libraries the bytecode links: `{MathLib: "0x…"}` or `{"src/Math.sol:MathLib": "0x…"}`. */
            libraries: z
              .record(z.string(), z.string().regex(/^0x[0-9a-fA-F]{40}$/, { error: 'must be a 20-byte 0x address' }))
              .optional(),
          }),
          z.strictObject({
            builtin: z.enum(builtinContracts),
            constructorArgs: z.array(z.unknown()).optional(),
          }),
        ],
        { error: 'must be {address, abi}, {artifact, contractName?, constructorArgs?, libraries?} or {builtin}' },
      ),
      /** A name, a signature (when overloaded) or a 4-byte selector. */
      function: z.string().min(1),
      /** One generator per argument (docs/scenarios.md). */
      args: z.array(argSpecSchema).default([]),
      value: wei.default(0n),
      gas: wei.optional(),
      /** Seed of the random generators: the same seed, the same args. */
      seed: z.number().int().default(1),
      /** View-function assertions read before and after the run (docs/scenarios.md). */
      checks: z.array(stateCheckSchema).max(20, { error: 'at most 20 checks' }).default([]),
    }),
    workloadSchema,
  ],
  {
    error:
      'must name one of: transfer, rapid-transfer, concurrent-users, batch-operations, gas-limit, custom-call, workload',
  },
)

export type ScenarioConfig = z.output<typeof scenarioSchema>
export const scenarioNames = [
  'transfer',
  'rapid-transfer',
  'concurrent-users',
  'batch-operations',
  'gas-limit',
  'tx-types',
] as const
