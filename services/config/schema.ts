import { validateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english'
import { z } from 'zod'
import { thresholdsSchema } from '../thresholds/schema'
import { scenarioSchema } from './scenario-schema'
import { sendPolicies } from './send-policies'
import { accessListModes, authorizationSchema, blobsSchema, txTypeSchema, txTypes } from './tx-type-schema'

/** Hard caps: beyond these a run is a mistake, not a stress test of this machine. */
export const limits = {
  txs: 1_000_000,
  accounts: 10_000,
  concurrency: 10_000,
  batchSize: 1_000,
  rate: 100_000,
} as const

const weiString = z.union([z.string(), z.number().int().nonnegative()]).transform((v, ctx) => {
  const s = String(v).trim()
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: 'must be a whole number of wei (decimal or 0x-hex)' })
    return z.NEVER
  }
  return BigInt(s)
})

const rpcUrl = z
  .string()
  .refine(
    (s) => {
      try {
        const url = new URL(s)
        // Port 0 parses but nothing can be reached there: refused as input, not reported as a node down.
        return ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.hostname !== '' && url.port !== '0'
      } catch {
        return false
      }
    },
    { message: 'must be an http(s):// or ws(s):// URL, e.g. http://127.0.0.1:8545' },
  )
  // A past run's URL comes back shortened (shareableConfig): say so instead of dialling it.
  .refine((s) => !s.endsWith('/…'), {
    message: 'was shortened to hide what its path held (often an API key): enter the full URL again',
  })

const int = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, { error: 'must be a 20-byte 0x address' })
const privateKey = z.string().regex(/^0x[0-9a-fA-F]{64}$/, { error: 'must be a 32-byte 0x-hex private key' })

export const modes = ['sequential', 'concurrent', 'multi-user'] as const
export const rotations = ['round-robin', 'random', 'least-pending'] as const
export const fundingModes = ['auto', 'transfer', 'none'] as const
export const miningModes = ['automine', 'interval', 'engine', 'node'] as const
export const replaceKinds = ['speed-up', 'cancel'] as const
/** Send endpoints one run spreads its txs over (docs/config.md#endpoints). */
export const maxEndpoints = 16

/**
 * One test configuration, shared by the CLI flags, config files, the HTTP API and the form.
 * Keys match the CLI's long flags (camelCase ↔ kebab-case).
 */
export const testConfigSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    mode: z.enum(modes, { error: `must be one of: ${modes.join(', ')}` }).default('concurrent'),
    txs: int(1, limits.txs).default(100),
    accounts: int(1, limits.accounts).default(10),
    /** Most transactions submitted and not yet mined at once (concurrent mode). */
    concurrency: int(1, limits.concurrency).default(400),
    /** Target transactions per second (open model); absent = as fast as the window allows. */
    rate: z.number().positive({ error: 'must be above 0' }).max(limits.rate).optional(),
    /**
     * Load profile (concurrent mode): stages ramp a target rate or concurrency linearly from the
     * previous stage's; the run ends with the last stage (or when txs run out).
     */
    stages: z
      .array(
        z.strictObject({
          name: z.string().max(40).optional(),
          durationMs: int(100, 86_400_000),
          rate: z.number().positive().max(limits.rate).optional(),
          concurrency: int(1, limits.concurrency).optional(),
        }),
      )
      .min(1)
      .max(20)
      .optional(),
    /** Worker threads that sign (0 = sign on the engine's own thread): for a node faster than one core signs. */
    signWorkers: int(0, 16).default(0),
    /** Transactions per JSON-RPC batch request. */
    batchSize: int(1, limits.batchSize).default(100),
    /** Sequential / multi-user: pause between a sender's transactions. */
    delayMs: int(0, 3_600_000).default(0),
    /** Sequential: wait for each receipt before sending the next transaction. */
    waitForReceipt: z.boolean().default(true),
    /** Wei sent with each transfer. */
    value: weiString.default(1n),
    /** Recipient of every transfer; absent = the next account in the set (self-contained). */
    to: address.optional(),
    gasLimit: weiString.optional(),
    maxFeePerGas: weiString.optional(),
    maxPriorityFeePerGas: weiString.optional(),
    /** Blob txs: the most wei per blob gas; absent = twice the blob base fee, at least 1 gwei. */
    maxFeePerBlobGas: weiString.optional(),
    /**
     * Transaction type of every tx, or a weighted mix of types (docs/config.md#tx-types); absent =
     * EIP-1559 (legacy on a chain without a base fee).
     */
    txType: txTypeSchema.optional(),
    /** EIP-2930 txs: an empty access list, or one generated for each tx by eth_createAccessList. */
    accessList: z.enum(accessListModes, { error: `must be one of: ${accessListModes.join(', ')}` }).default('empty'),
    /** EIP-4844 txs: how many blobs and what they hold. */
    blobs: blobsSchema.optional(),
    /** EIP-7702 txs: what the authorities delegate to. */
    authorization: authorizationSchema.optional(),
    /** The workload (see docs/scenarios.md); absent = ETH transfers. */
    scenario: z.preprocess((v) => (typeof v === 'string' ? { name: v } : v), scenarioSchema).optional(),
    /** Send to a chain that is not a local dev chain (real funds!). Off by default. */
    allowNonDevChain: z.boolean().default(false),
    /** Node to stress; absent = an embedded Anvil started for you. */
    rpcUrl: rpcUrl.optional(),
    /**
     * Endpoints the txs are sent to, by `sendPolicy` (docs/config.md#endpoints); reads go to
     * `rpcUrl`, or to the first of these without it.
     */
    rpcUrls: z
      .array(rpcUrl)
      .min(1, { error: 'must hold at least 1 URL' })
      .max(maxEndpoints, { error: `must hold at most ${maxEndpoints} URLs` })
      .optional(),
    /** round-robin: each batch to the next endpoint; by-account: each sender to one; broadcast: every tx to all. */
    sendPolicy: z.enum(sendPolicies, { error: `must be one of: ${sendPolicies.join(', ')}` }).default('round-robin'),
    /** Without rpcUrl: the embedded Anvil starts as a local fork of this chain (docs/config.md#fork). */
    forkUrl: rpcUrl.optional(),
    /** The block the fork starts from; absent = the origin's head. Needs forkUrl. */
    forkBlock: z.number().int().nonnegative().optional(),
    /** How blocks are produced (Anvil only): see docs/config.md. Absent = chosen per mode. */
    mining: z.enum(miningModes, { error: `must be one of: ${miningModes.join(', ')}` }).optional(),
    blockTime: z.number().positive().max(3600).optional(),
    /** Attempts after the first for errors that are worth retrying. */
    retries: int(0, 20).default(3),
    /** Give up on a transaction that has not been mined this long after its last progress. */
    inclusionTimeoutMs: int(1_000, 3_600_000).default(60_000),
    /**
     * A tx in the pool this long without being mined is replaced: the same nonce, fees raised
     * (docs/config.md#replacement). Absent = never.
     */
    replaceAfterMs: int(100, 3_600_000).optional(),
    /** speed-up: the same tx at higher fees; cancel: a 0-value self-transfer at higher fees. */
    replaceWith: z.enum(replaceKinds, { error: `must be one of: ${replaceKinds.join(', ')}` }).default('speed-up'),
    /** Replacements of one tx at most (each raises the fees again). */
    maxReplacements: int(1, 10).default(3),
    /** Pending transactions and no new block for this long = stuck. */
    stuckAfterMs: int(500, 3_600_000).default(10_000),
    /** What to do when stuck on Anvil: mine a block, or only report it. */
    stuckRemedy: z.enum(['mine', 'none']).default('mine'),
    requestTimeoutMs: int(100, 600_000).default(15_000),
    /** The node unanswering this long: sending holds ("waiting for node") until it is back. */
    nodeDownAfterMs: int(500, 3_600_000).default(5_000),
    /** The node unanswering this long: the run ends `failed` (NODE_LOST) with what it knows. */
    nodeLostAfterMs: int(1_000, 86_400_000).default(120_000),
    /** Seed of the generated sender accounts; absent = the install's own mnemonic. */
    mnemonic: z
      .string()
      .trim()
      .refine((m) => validateMnemonic(m.replace(/\s+/g, ' '), wordlist), {
        error: 'is not a valid BIP-39 mnemonic (12 or 24 English words)',
      })
      .optional(),
    /** Senders given as private keys instead of derived ones (their number replaces `accounts`). */
    privateKeys: z.array(privateKey).min(1).max(limits.accounts).optional(),
    /** Send from the node's own unlocked accounts (`eth_accounts`, the first `accounts` of them). */
    nodeAccounts: z.boolean().default(false),
    /** Anvil: send as these addresses without their keys (impersonation). */
    impersonate: z.array(address).min(1).max(limits.accounts).optional(),
    /** How the sender of each next tx is chosen. */
    rotation: z.enum(rotations, { error: `must be one of: ${rotations.join(', ')}` }).default('round-robin'),
    /** auto: Anvil's setBalance where available, else transfers from the funder; none: no funding. */
    funding: z.enum(fundingModes, { error: `must be one of: ${fundingModes.join(', ')}` }).default('auto'),
    /** Pays for funding by transfer; absent = the node's first unlocked account, if it has one. */
    funderKey: privateKey.optional(),
    /** Balance to give each sender; absent = what its share of txs needs (+10%), at least 1000 ETH on Anvil. */
    fundWith: weiString.optional(),
    /** Refill a sender that runs low during the run (setBalance on Anvil, else a transfer). */
    topUp: z.boolean().default(false),
    /** A sender below this balance is low (warning, top-up); absent = the cost of 5 of its txs. */
    lowBalanceWei: weiString.optional(),
    /** Pass/fail criteria on the run's numbers, e.g. `'latency.p95 < 2000'` (docs/metrics.md#thresholds). */
    thresholds: thresholdsSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.stages) {
      if (c.mode !== 'concurrent')
        ctx.addIssue({ code: 'custom', path: ['stages'], message: 'need mode "concurrent" (they shape its load)' })
      const kinds = new Set(
        c.stages.map((s) => (s.rate !== undefined ? 'rate' : s.concurrency !== undefined ? 'concurrency' : 'none')),
      )
      if (kinds.has('none') || kinds.size > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['stages'],
          message: 'each stage needs a target, all of one kind: rate (tx/s) or concurrency',
        })
    }
    if (c.nodeLostAfterMs <= c.nodeDownAfterMs)
      ctx.addIssue({
        code: 'custom',
        path: ['nodeLostAfterMs'],
        message: `must be longer than nodeDownAfterMs (${c.nodeDownAfterMs} ms): the run waits for the node before giving up on it`,
      })
    if (c.forkUrl && c.rpcUrls)
      ctx.addIssue({
        code: 'custom',
        path: ['rpcUrls'],
        message: 'are nodes you bring: a fork is the embedded Anvil alone (leave forkUrl or rpcUrls out)',
      })
    if (c.forkUrl && c.rpcUrl)
      ctx.addIssue({
        code: 'custom',
        path: ['forkUrl'],
        message: 'forks into the embedded Anvil: leave rpcUrl out (or start the node you bring as a fork itself)',
      })
    if (c.forkBlock !== undefined && !c.forkUrl)
      ctx.addIssue({ code: 'custom', path: ['forkBlock'], message: 'needs forkUrl: the chain to fork at that block' })
    const nodeSigned = c.nodeAccounts || c.impersonate
    const blobOrCode = typeof c.txType === 'string' ? [c.txType] : Object.keys(c.txType ?? {})
    const keyed = blobOrCode.filter((t) => t === 'eip4844' || t === 'eip7702')
    if (nodeSigned && keyed.length)
      ctx.addIssue({
        code: 'custom',
        path: ['txType'],
        message: `${keyed.join(' and ')} txs are signed here, with keys: senders the node signs for (${c.nodeAccounts ? 'nodeAccounts' : 'impersonate'}) can send ${txTypes.filter((t) => t !== 'eip4844' && t !== 'eip7702').join(', ')}`,
      })
    const sources = (['privateKeys', 'nodeAccounts', 'impersonate'] as const).filter((k) => Boolean(c[k]))
    if (sources.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: [sources[1] as string],
        message: `cannot be combined with ${sources[0]}: choose one source of senders`,
      })
  })

export type TestConfigInput = z.input<typeof testConfigSchema>
export type TestConfig = z.output<typeof testConfigSchema>
export type Mode = (typeof modes)[number]
export type MiningMode = (typeof miningModes)[number]
