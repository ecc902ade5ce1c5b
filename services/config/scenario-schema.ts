import { z } from 'zod'

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
      rampFrom: z.number().positive().max(1).default(0.5),
      rampTo: z.number().min(1).max(2).default(1.1),
      rampSteps: count(2, 1000).default(61),
      /** Then this many txs each burning a quarter of a block. */
      fillTxs: count(0, 100_000).default(40),
    }),
  ],
  { error: 'must name one of: transfer, rapid-transfer, concurrent-users, batch-operations, gas-limit, custom-call' },
)

export type ScenarioConfig = z.output<typeof scenarioSchema>
export const scenarioNames = [
  'transfer',
  'rapid-transfer',
  'concurrent-users',
  'batch-operations',
  'gas-limit',
] as const
