import fc from 'fast-check'
import { limits, testConfigSchema } from '../../services/config/schema'
import { badCustomCall } from './bad-custom-call'
import {
  type BadConfig,
  badAddress,
  badEnum,
  badHex,
  badInt,
  badUrl,
  badWei,
  baseConfig,
  junkText,
  nested,
  notABoolean,
  notANumber,
} from './bad-values'

export { badAbi, fuzzAbi } from './bad-custom-call'
export { type BadConfig, badUrl, baseConfig, nested } from './bad-values'

/**
 * Generated bad test configs for the fuzz tests of the API and the CLI. Each is a valid config
 * with exactly one thing wrong, and says which field the error must name: a config error that
 * does not name it is as much a failure as a crash.
 */
const topLevel: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.oneof(
    fc.constantFrom('', '   '),
    fc.integer({ min: 121, max: 200_000 }).map((n) => 'n'.repeat(n)),
    fc.integer(),
    fc.constant(null),
  ),
  mode: badEnum,
  txs: badInt(1, limits.txs),
  accounts: badInt(1, limits.accounts),
  concurrency: badInt(1, limits.concurrency),
  batchSize: badInt(1, limits.batchSize),
  delayMs: badInt(0, 3_600_000),
  retries: badInt(0, 20),
  inclusionTimeoutMs: badInt(1_000, 3_600_000),
  stuckAfterMs: badInt(500, 3_600_000),
  requestTimeoutMs: badInt(100, 600_000),
  nodeDownAfterMs: badInt(500, 3_600_000),
  nodeLostAfterMs: badInt(1_000, 86_400_000),
  rate: fc.oneof(
    fc.double({ min: -1e9, max: 0, noNaN: true }),
    fc.double({ min: limits.rate + 1, max: 1e12, noNaN: true }),
    notANumber,
  ),
  blockTime: fc.oneof(
    fc.double({ min: -100, max: 0, noNaN: true }),
    fc.double({ min: 3601, max: 1e9, noNaN: true }),
    notANumber,
  ),
  value: badWei,
  gasLimit: badWei,
  maxFeePerGas: badWei,
  maxPriorityFeePerGas: badWei,
  fundWith: badWei,
  lowBalanceWei: badWei,
  to: badAddress,
  rotation: badEnum,
  funding: badEnum,
  mining: badEnum,
  stuckRemedy: badEnum,
  waitForReceipt: notABoolean,
  allowNonDevChain: notABoolean,
  nodeAccounts: notABoolean,
  topUp: notABoolean,
  rpcUrl: badUrl,
  mnemonic: fc.oneof(
    junkText,
    fc.constantFrom(
      'abandon '.repeat(12).trim(),
      'legal winner thank year wave sausage worth useful legal winner thank',
    ),
    fc.integer(),
  ),
  privateKeys: fc.oneof(
    fc.constant([]),
    badHex(32).map((k) => [k]),
    badHex(32).map((k) => [`0x${'11'.repeat(32)}`, k]),
    junkText,
    fc.constant(Array(limits.accounts + 1).fill(`0x${'11'.repeat(32)}`)),
  ),
  impersonate: fc.oneof(
    fc.constant([]),
    badAddress.map((a) => [a]),
    junkText,
  ),
  funderKey: badHex(32),
  stages: fc.oneof(
    fc.constant([]),
    fc.constant([{ durationMs: 1000 }]),
    fc.constant([
      { durationMs: 1000, rate: 5 },
      { durationMs: 1000, concurrency: 5 },
    ]),
    badInt(100, 86_400_000).map((durationMs) => [{ durationMs, rate: 5 }]),
    fc.constant(Array(21).fill({ durationMs: 1000, rate: 1 })),
    fc.constant([{ durationMs: 1000, rate: 5, bogus: 1 }]),
    junkText,
  ),
  scenario: fc.oneof(
    junkText.filter(
      (s) =>
        !['transfer', 'rapid-transfer', 'concurrent-users', 'batch-operations', 'gas-limit', 'custom-call'].includes(s),
    ),
    fc.integer(),
    fc.constant({}),
    fc.constant([]),
    fc.constant({ name: 'transfer', bogus: true }),
    fc.record({ name: fc.constant('rapid-transfer'), token: badEnum }),
    fc.record({ name: fc.constant('rapid-transfer'), amount: badWei }),
    fc.record({ name: fc.constant('concurrent-users'), journeysPerUser: badInt(1, 10_000) }),
    fc.record({ name: fc.constant('batch-operations'), opsPerTx: badInt(2, 500) }),
    fc.record({
      name: fc.constant('gas-limit'),
      rampFrom: fc.oneof(fc.double({ min: 1.01, max: 100, noNaN: true }), fc.constant(0), notANumber),
    }),
    fc.record({
      name: fc.constant('gas-limit'),
      rampTo: fc.oneof(fc.double({ min: 2.01, max: 100, noNaN: true }), fc.constant(0.5), notANumber),
    }),
    fc.record({ name: fc.constant('gas-limit'), rampSteps: badInt(2, 1000) }),
    fc.record({ name: fc.constant('gas-limit'), fillTxs: badInt(0, 100_000) }),
  ),
}
/** Fields whose own values are fine, where the mistake is elsewhere (combinations, sources). */
const combinations: fc.Arbitrary<BadConfig> = fc.constantFrom(
  {
    what: 'stages outside concurrent mode',
    config: { ...baseConfig, stages: [{ durationMs: 1000, rate: 5 }] },
    field: 'stages',
  },
  {
    what: 'two sources of senders',
    config: { ...baseConfig, nodeAccounts: true, impersonate: ['0x00000000000000000000000000000000000000aa'] },
    field: 'impersonate',
  },
)

/** A key the schema does not know, including names Object.prototype has. */
const unknownKey = fc
  .oneof(
    fc.constantFrom(
      '',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'prototype',
      'Txs',
      'tx',
      'rpc_url',
      'allow',
    ),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,30}$/),
  )
  .filter((k) => !Object.hasOwn(testConfigSchema.shape, k))

export const badTopLevel: fc.Arbitrary<BadConfig> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(...Object.keys(topLevel)).chain((key) =>
      (topLevel[key] as fc.Arbitrary<unknown>).map((value) => ({
        what: `${key} = ${JSON.stringify(value)?.slice(0, 60)}`,
        config: { ...baseConfig, [key]: value },
        field: key,
      })),
    ),
  },
  {
    weight: 1,
    arbitrary: unknownKey.chain((key) =>
      fc
        .jsonValue({ maxDepth: 2 })
        // An empty key is named `""`.
        .map((value) => ({ what: `unknown key ${key}`, config: { ...baseConfig, [key]: value }, field: key || '""' })),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('txs', 'accounts', 'mode', 'value', 'rpcUrl').chain((key) =>
      fc.integer({ min: 2, max: 60 }).map((depth) => ({
        what: `${key} nested ${depth} deep`,
        config: { ...baseConfig, [key]: nested(depth) },
        field: key,
      })),
    ),
  },
  { weight: 1, arbitrary: combinations },
)

// ── A custom call broken in its ABI, function, arguments or generators ──────────────────────
/** Any one of the above. */
export const badConfig: fc.Arbitrary<BadConfig> = fc.oneof(
  { weight: 3, arbitrary: badTopLevel },
  { weight: 2, arbitrary: badCustomCall },
)

/** True when some issue names the field, or a part of it (`scenario.args[0]` covers `scenario.args[0].max`). */
export function namesField(issues: readonly { field: string }[], field: string): boolean {
  return issues.some((i) => i.field === field || i.field.startsWith(`${field}.`) || i.field.startsWith(`${field}[`))
}
