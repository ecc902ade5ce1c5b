import { z } from 'zod'
import { testConfigSchema } from '../config/schema'
import { txTypes } from '../config/tx-type-schema'
import { txErrorKinds } from '../errors/tx-error'
import { runStatuses } from '../run-model/status'
import { thresholdMetricNames } from '../thresholds/metrics'
import { thresholdOps } from '../thresholds/schema'
import { limitKinds } from './limit'
import type { RunReport } from './report'

/**
 * The JSON report as a zod schema: `docs/report.schema.json` is generated from it
 * (`npm run report:schema`), and the tests validate real reports with it. Objects are strict, so
 * a field added to RunReport but not here fails those tests instead of going undocumented.
 */

const count = z.number().int().nonnegative()
const ms = z.number().int()
const decimal = z.string().regex(/^[0-9]+$/)
const nullableNumber = z.number().nullable()

const percentiles = z.strictObject({ p50: nullableNumber, p95: nullableNumber, p99: nullableNumber })

const counts = z
  .strictObject({
    planned: count,
    signed: count.describe('not terminal: signed, waiting to be sent or retried (0 at the end)'),
    submitted: count.describe('not terminal: accepted by the node, not yet included (0 at the end)'),
    mined: count,
    reverted: count,
    failed: count,
    dropped: count,
    cancelled: count,
    unconfirmed: count,
  })
  .describe('planned txs by state; planned = mined + reverted + failed + dropped + cancelled + unconfirmed')

const errorGroup = z.strictObject({
  kind: z.enum(txErrorKinds),
  label: z.string().describe("function or operation; '' when unknown"),
  title: z.string(),
  count,
  retried: count.describe('attempts that were retried rather than final'),
  hint: z.string(),
  sample: z.string().describe("a sample of the node's own message"),
  firstAt: ms,
  lastAt: ms,
})

const ownMining = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('automine') }),
  z.strictObject({
    kind: z.literal('interval'),
    seconds: z.number().nonnegative().describe('between blocks; Anvil answers 0 under a second'),
  }),
  z.strictObject({ kind: z.literal('none') }).describe('mines only when asked (Anvil --no-mining)'),
  z.strictObject({ kind: z.literal('unknown') }).describe('the node does not say (not Anvil)'),
])

const account = z.strictObject({
  address: z.string(),
  kind: z.enum(['local', 'node']),
  sent: count.describe('txs of this account that were included'),
  expectedNonce: count.describe('its pending nonce at the start + sent'),
  onChainNonce: count.nullable().describe('eth_getTransactionCount (latest) after the run'),
  balanceWei: decimal.nullable(),
  lastError: z.string().nullable(),
})

/** Per-function numbers (services/metrics/functions.ts); gas over included txs, latency too. */
export const functionStatsSchema = z.strictObject({
  label: z.string(),
  role: z.enum(['planned', 'gap-fill']),
  count: count.describe('stored txs with this label'),
  mined: count,
  reverted: count,
  failed: count,
  dropped: count,
  cancelled: count,
  unconfirmed: count,
  open: count.describe('not terminal (0 at the end of every run)'),
  gas: z.strictObject({
    avg: nullableNumber,
    p95: nullableNumber,
    min: nullableNumber,
    max: nullableNumber,
    total: z.number().nonnegative(),
  }),
  latencyMs: z.strictObject({ p50: nullableNumber, p95: nullableNumber }),
})

/** Per send endpoint (services/testing/send-router.ts). */
const endpointStatsSchema = z.strictObject({
  index: count.describe('its place in rpcUrls'),
  url: z.string().describe('scheme, host and port'),
  sent: count,
  accepted: count.describe('accepted, "already known" included'),
  errors: z.partialRecord(z.enum(txErrorKinds), count),
  submitRttMs: z.strictObject({ p50: nullableNumber, p95: nullableNumber }),
  downs: count.describe('times it was taken out after failing to answer'),
})

/** Per transaction type (services/metrics/tx-type-stats.ts). */
const txTypeStatsSchema = functionStatsSchema.omit({ label: true, role: true }).extend({
  type: z.enum(['default', ...txTypes]),
  receiptTypeMismatch: count.describe('included txs whose receipt type is not the planned one'),
  blobs: z
    .strictObject({ gasUsed: decimal, minPriceWei: decimal, maxPriceWei: decimal })
    .nullable()
    .describe('EIP-4844: blob gas of the included txs and the price range paid per unit'),
})

const findingValue = z.union([z.string(), z.number(), z.boolean(), z.null()])

const scenario = z.strictObject({
  name: z.string(),
  contracts: z.record(z.string(), z.templateLiteral(['0x', z.string()])),
  checks: z.array(z.strictObject({ name: z.string(), ok: z.boolean(), expected: z.string(), actual: z.string() })),
  findings: z.record(z.string(), z.union([findingValue, z.record(z.string(), findingValue)])),
  /** Txs sent before the load (deploys, set-up steps): not in the load's numbers. */
  setup: z
    .strictObject({
      deploys: z.array(
        z.strictObject({
          contract: z.string(),
          address: z.templateLiteral(['0x', z.string()]),
          hash: z.templateLiteral(['0x', z.string()]),
          gasUsed: z.number().int().nonnegative(),
        }),
      ),
      steps: z.array(
        z.strictObject({
          step: z.number().int().nonnegative(),
          label: z.string(),
          txs: z.number().int().nonnegative(),
          gasUsed: z.number().int().nonnegative(),
        }),
      ),
      txs: z.number().int().nonnegative(),
      gasUsed: z.number().int().nonnegative(),
    })
    .optional(),
})

const verdict = z.strictObject({
  name: z.string(),
  metric: z.enum(thresholdMetricNames),
  op: z.enum(thresholdOps),
  value: z.number(),
  unit: z.enum(['ms', 'tx/s', 'txs', '%', 'attempts', 'ratio']),
  actual: nullableNumber,
  ok: z.boolean().nullable(),
  definite: z.boolean(),
  abortOnFail: z.boolean(),
  reason: z.string().optional(),
})

/** The config as the run took it, defaults filled, without mnemonic, keys or funder key. */
const { mnemonic: _m, privateKeys: _k, funderKey: _f, ...publicShape } = testConfigSchema.shape
const publicConfig = z.strictObject(publicShape).describe('the test config (docs/config.md), secrets left out')

export const runReportSchema = z
  .strictObject({
    version: z.literal(1),
    runId: z.string(),
    name: z.string().nullable(),
    status: z.enum(runStatuses),
    counts,
    invariantHolds: z.boolean(),
    chainAgrees: z
      .boolean()
      .nullable()
      .describe("every sender's nonce on chain equals expectedNonce; null when the chain could not say"),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime(),
    durationMs: ms.describe('endedAt − startedAt, pauses included'),
    pausedMs: ms.describe('time paused by the user within durationMs'),
    throughput: z.strictObject({ sentPerSec: z.number().nonnegative(), minedPerSec: z.number().nonnegative() }),
    latencyMs: percentiles.describe('submit → block seen by the engine'),
    submitRttMs: percentiles.describe('round trip of the accepted submission request'),
    node: z.strictObject({
      chainId: z.number().int(),
      clientVersion: z.string(),
      rpcUrl: z.string().describe('scheme, host and port; a path or query (often an API key) is replaced by /…'),
      embedded: z.boolean(),
      mining: z
        .string()
        .describe('block production during the run: automine, interval, engine, or node (left to the node)'),
      ownMining: ownMining.describe('how the node mined on its own, read at the start of the run'),
      fork: z
        .strictObject({
          url: z.string().describe('the forked chain: scheme, host and port (a path or query is replaced by /…)'),
          block: z.number().int().nonnegative().nullable().describe('the block the fork started from'),
        })
        .nullable()
        .describe('a local Anvil fork of another chain (anvil_nodeInfo); null for any other node'),
    }),
    blocks: z.strictObject({
      count,
      gasUsed: decimal,
      ourTxs: count,
      avgFullness: z.number().min(0).nullable(),
    }),
    accounts: z.array(account),
    errors: z.array(errorGroup),
    warnings: z.array(z.strictObject({ code: z.string(), message: z.string(), hint: z.string().optional(), at: ms })),
    gapFills: count,
    replacements: z
      .strictObject({ speedUp: count, cancel: count, refused: count })
      .describe('replacements sent for txs stuck in the pool (replaceAfterMs), and those the node refused'),
    scenario: scenario.nullable(),
    functions: z.array(functionStatsSchema),
    txTypes: z.array(txTypeStatsSchema),
    endpoints: z.array(endpointStatsSchema),
    signing: z
      .strictObject({ backend: z.enum(['libsecp256k1', 'js']), workers: count, signedInWorkers: count })
      .nullable()
      .describe('how txs were signed: the library, and how many in signing workers (signWorkers)'),
    distributed: z
      .strictObject({
        shards: z.array(
          z.strictObject({
            index: count,
            accounts: count,
            txs: count,
            attempts: z.array(
              z.strictObject({
                attempt: count,
                worker: z.string().nullable(),
                result: z.enum(['completed', 'lost']),
                reason: z.string().optional(),
              }),
            ),
          }),
        ),
      })
      .nullable()
      .describe(
        "a distributed run's shards and each worker's turn at them (docs/distributed.md#report); null in one process",
      ),
    limit: z
      .strictObject({
        by: z.enum(limitKinds),
        because: z.string(),
        hint: z.string(),
        pace: z.strictObject({
          sendingMs: count,
          waitedOnNodeMs: count,
          waitedOnRateMs: count,
          waitedOnDelayMs: count,
          mainThreadBusy: z.number().min(0).max(1),
          cpuCores: z.number().nonnegative(),
          generators: count.optional(),
        }),
      })
      .nullable()
      .describe("what held the throughput back, judged from where the send loop's time went (docs/metrics.md#limit)"),
    environment: z
      .strictObject({
        evmStress: z.string(),
        node: z.string(),
        platform: z.string(),
        peakRssKiB: z
          .number()
          .int()
          .nonnegative()
          .optional()
          .describe("the engine process's peak resident memory so far, KiB (Anvil not counted)"),
      })
      .nullable(),
    config: publicConfig,
    thresholds: z.array(verdict),
    thresholdsOk: z.boolean(),
    thresholdAbort: verdict.nullable(),
    error: z.strictObject({ code: z.string(), message: z.string(), hint: z.string().optional() }).nullable(),
  })
  .meta({
    title: 'evm-stress run report',
    description:
      'What `evm-stress run --report`, GET /api/runs/:id/report.json and the HTML report are built from. Field meanings: docs/metrics.md.',
  })

/** tsc fails here when RunReport and the schema drift apart (a field added to one only). */
type Assignable<T extends U, U> = T
export type ReportFitsSchema = Assignable<RunReport, z.input<typeof runReportSchema>>
export type SchemaFitsReport = Assignable<Omit<z.output<typeof runReportSchema>, 'config'>, Omit<RunReport, 'config'>>

/**
 * The JSON Schema of the report (draft 2020-12). Unlike the zod schema it allows fields it does
 * not name: readers of version 1 ignore fields added later (services/metrics/report.ts).
 */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(runReportSchema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties
    },
  }) as Record<string, unknown>
}
