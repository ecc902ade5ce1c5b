import type { argKinds } from '@/services/abi/arg-spec'
import type { BuiltinContract } from '@/services/contracts/artifacts'

/**
 * The form's state: one object mirroring the test config, with what the user typed as text.
 * `draftToConfig` and `configToDraft` go both ways, so loading a saved test, duplicating it or
 * starting from a template is just `configToDraft(config)`. Keys the form has no control for
 * (stages, impersonate, …) ride along in `extra` and are sent back as they came.
 */
export const modes = ['sequential', 'concurrent', 'multi-user'] as const
export const rotations = ['round-robin', 'random', 'least-pending'] as const
export const fundingModes = ['auto', 'transfer', 'none'] as const
export const miningModes = ['automine', 'interval', 'engine', 'node'] as const
export const scenarioChoices = [
  'transfer',
  'rapid-transfer',
  'concurrent-users',
  'batch-operations',
  'gas-limit',
  'custom-call',
] as const
export const builtins = ['Counter', 'GasBurner', 'StressToken'] as const satisfies readonly BuiltinContract[]
export const targetKinds = ['builtin', 'address', 'artifact'] as const

export type Mode = (typeof modes)[number]
export type Rotation = (typeof rotations)[number]
export type FundingMode = (typeof fundingModes)[number]
export type MiningMode = (typeof miningModes)[number]
export type ScenarioChoice = (typeof scenarioChoices)[number]
export type TargetKind = (typeof targetKinds)[number]
export type ArgKind = (typeof argKinds)[number]

export type ArgDraft = {
  kind: ArgKind
  value: string
  start: string
  step: string
  min: string
  max: string
  /** oneOf: one value per line. */
  values: string
  index: string
}

export type TargetDraft = {
  kind: TargetKind
  builtin: (typeof builtins)[number]
  address: string
  /** JSON text of the ABI (or of an artifact holding one). */
  abi: string
  /** JSON text of the artifact to deploy. */
  artifact: string
  contractName: string
  /** One text per constructor parameter. */
  constructorArgs: string[]
}

export type CallDraft = {
  target: TargetDraft
  function: string
  args: ArgDraft[]
  value: string
  gas: string
  seed: string
}

export type ScenarioDraft = {
  name: ScenarioChoice
  token: 'eth' | 'erc20'
  amount: string
  journeysPerUser: string
  opsPerTx: string
  rampFrom: string
  rampTo: string
  rampSteps: string
  fillTxs: string
  call: CallDraft
}

export type Draft = {
  name: string
  mode: Mode
  txs: string
  accounts: string
  concurrency: string
  rate: string
  rotation: Rotation
  delayMs: string
  waitForReceipt: boolean
  batchSize: string
  value: string
  to: string
  gasLimit: string
  maxFeePerGas: string
  maxPriorityFeePerGas: string
  mining: MiningMode | ''
  blockTime: string
  retries: string
  inclusionTimeoutMs: string
  stuckAfterMs: string
  requestTimeoutMs: string
  funding: FundingMode
  topUp: boolean
  rpcUrl: string
  scenario: ScenarioDraft
  extra: Record<string, unknown>
}

export type ConfigJson = Record<string, unknown>

export const emptyArg = (kind: ArgKind = 'fixed', value = ''): ArgDraft => ({
  kind,
  value,
  start: '',
  step: '',
  min: '',
  max: '',
  values: '',
  index: '',
})

export function emptyDraft(): Draft {
  return {
    name: '',
    mode: 'concurrent',
    txs: '',
    accounts: '',
    concurrency: '',
    rate: '',
    rotation: 'round-robin',
    delayMs: '',
    waitForReceipt: true,
    batchSize: '',
    value: '',
    to: '',
    gasLimit: '',
    maxFeePerGas: '',
    maxPriorityFeePerGas: '',
    mining: '',
    blockTime: '',
    retries: '',
    inclusionTimeoutMs: '',
    stuckAfterMs: '',
    requestTimeoutMs: '',
    funding: 'auto',
    topUp: false,
    rpcUrl: '',
    scenario: {
      name: 'transfer',
      token: 'eth',
      amount: '',
      journeysPerUser: '',
      opsPerTx: '',
      rampFrom: '',
      rampTo: '',
      rampSteps: '',
      fillTxs: '',
      call: {
        target: {
          kind: 'builtin',
          builtin: 'Counter',
          address: '',
          abi: '',
          artifact: '',
          contractName: '',
          constructorArgs: [],
        },
        function: '',
        args: [],
        value: '',
        gas: '',
        seed: '',
      },
    },
    extra: {},
  }
}

/** Which settings a mode uses; the others are kept in the draft but neither shown as active nor sent. */
export const appliesTo = {
  concurrency: (m: Mode) => m === 'concurrent',
  rate: (m: Mode) => m === 'concurrent',
  rotation: (m: Mode) => m !== 'multi-user',
  delayMs: (m: Mode) => m !== 'concurrent',
  waitForReceipt: (m: Mode) => m === 'sequential',
} as const

/** Function parameters are positional: their index is their identity (and a stable React key). */
export const positional = <T>(items: readonly T[], scope: string) =>
  items.map((item, index) => ({ item, index, key: `${scope}#${index}` }))

/** Scenarios that plan their own number of txs (so `txs` is not theirs to set). */
export const plansOwnTxs = (s: ScenarioChoice) => s === 'concurrent-users' || s === 'gas-limit'

// ── draft → config ───────────────────────────────────────────────────────────

const blank = (s: string) => s.trim() === ''

/** A number as typed: blank = absent (the default), a number = the number, anything else as typed (zod names it). */
function num(s: string): number | string | undefined {
  const t = s.trim()
  if (!t) return undefined
  return /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : t
}

/** Wei amounts stay text (decimal or 0x): bigint-safe; the schema checks them. */
const text = (s: string): string | undefined => (blank(s) ? undefined : s.trim())

/** Pasted JSON as JSON; text that does not parse goes as text, so the server names the field. */
function jsonOrText(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return s
  }
}

function put(out: ConfigJson, key: string, value: unknown) {
  if (value !== undefined) out[key] = value
}

export function argToSpec(a: ArgDraft): ConfigJson {
  switch (a.kind) {
    case 'fixed':
      return { kind: 'fixed', value: a.value }
    case 'sequence': {
      const spec: ConfigJson = { kind: 'sequence' }
      put(spec, 'start', text(a.start))
      put(spec, 'step', text(a.step))
      return spec
    }
    case 'random': {
      const spec: ConfigJson = { kind: 'random' }
      put(spec, 'min', text(a.min))
      put(spec, 'max', text(a.max))
      return spec
    }
    case 'oneOf':
      return {
        kind: 'oneOf',
        values: a.values
          .split('\n')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      }
    case 'sender':
      return { kind: 'sender' }
    case 'account': {
      const spec: ConfigJson = { kind: 'account' }
      put(spec, 'index', num(a.index))
      return spec
    }
  }
}

function targetToConfig(t: TargetDraft): ConfigJson {
  if (t.kind === 'builtin') {
    const target: ConfigJson = { builtin: t.builtin }
    if (t.constructorArgs.some((a) => !blank(a))) target.constructorArgs = t.constructorArgs
    return target
  }
  if (t.kind === 'address') return { address: t.address.trim(), abi: jsonOrText(t.abi) }
  const target: ConfigJson = { artifact: jsonOrText(t.artifact), constructorArgs: t.constructorArgs }
  put(target, 'contractName', text(t.contractName))
  return target
}

function scenarioToConfig(s: ScenarioDraft): ConfigJson | undefined {
  const out: ConfigJson = { name: s.name }
  switch (s.name) {
    case 'transfer':
      return undefined
    case 'rapid-transfer':
      out.token = s.token
      put(out, 'amount', text(s.amount))
      return out
    case 'concurrent-users':
      put(out, 'journeysPerUser', num(s.journeysPerUser))
      put(out, 'amount', text(s.amount))
      return out
    case 'batch-operations':
      put(out, 'opsPerTx', num(s.opsPerTx))
      put(out, 'amount', text(s.amount))
      return out
    case 'gas-limit':
      put(out, 'rampFrom', num(s.rampFrom))
      put(out, 'rampTo', num(s.rampTo))
      put(out, 'rampSteps', num(s.rampSteps))
      put(out, 'fillTxs', num(s.fillTxs))
      return out
    case 'custom-call': {
      const c = s.call
      out.target = targetToConfig(c.target)
      out.function = c.function
      out.args = c.args.map(argToSpec)
      put(out, 'value', text(c.value))
      put(out, 'gas', text(c.gas))
      put(out, 'seed', num(c.seed))
      return out
    }
  }
}

/** The config this draft stands for: what POST /api/runs, /api/preview and /api/tests receive. */
export function draftToConfig(d: Draft): ConfigJson {
  const out: ConfigJson = { ...d.extra }
  put(out, 'name', text(d.name))
  out.mode = d.mode
  if (!plansOwnTxs(d.scenario.name)) put(out, 'txs', num(d.txs))
  put(out, 'accounts', num(d.accounts))
  if (appliesTo.concurrency(d.mode)) put(out, 'concurrency', num(d.concurrency))
  if (appliesTo.rate(d.mode)) put(out, 'rate', num(d.rate))
  if (appliesTo.rotation(d.mode)) out.rotation = d.rotation
  if (appliesTo.delayMs(d.mode)) put(out, 'delayMs', num(d.delayMs))
  if (appliesTo.waitForReceipt(d.mode)) out.waitForReceipt = d.waitForReceipt
  put(out, 'batchSize', num(d.batchSize))
  put(out, 'value', text(d.value))
  put(out, 'to', text(d.to))
  put(out, 'gasLimit', text(d.gasLimit))
  put(out, 'maxFeePerGas', text(d.maxFeePerGas))
  put(out, 'maxPriorityFeePerGas', text(d.maxPriorityFeePerGas))
  if (d.mining) out.mining = d.mining
  if (d.mining === 'interval') put(out, 'blockTime', num(d.blockTime))
  put(out, 'retries', num(d.retries))
  put(out, 'inclusionTimeoutMs', num(d.inclusionTimeoutMs))
  put(out, 'stuckAfterMs', num(d.stuckAfterMs))
  put(out, 'requestTimeoutMs', num(d.requestTimeoutMs))
  out.funding = d.funding
  if (d.topUp) out.topUp = true
  put(out, 'rpcUrl', text(d.rpcUrl))
  put(out, 'scenario', scenarioToConfig(d.scenario))
  return out
}

// ── config → draft ───────────────────────────────────────────────────────────

const formKeys = new Set<string>([
  'name',
  'mode',
  'txs',
  'accounts',
  'concurrency',
  'rate',
  'rotation',
  'delayMs',
  'waitForReceipt',
  'batchSize',
  'value',
  'to',
  'gasLimit',
  'maxFeePerGas',
  'maxPriorityFeePerGas',
  'mining',
  'blockTime',
  'retries',
  'inclusionTimeoutMs',
  'stuckAfterMs',
  'requestTimeoutMs',
  'funding',
  'topUp',
  'rpcUrl',
  'scenario',
])

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Any config value as the text an input shows. */
export function asText(v: unknown): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v)
  return JSON.stringify(v)
}

function oneOf<T extends string>(choices: readonly T[], v: unknown, fallback: T): T {
  return (choices as readonly unknown[]).includes(v) ? (v as T) : fallback
}

export function specToArg(spec: unknown): ArgDraft {
  if (!isRecord(spec) || !('kind' in spec)) return emptyArg('fixed', asText(spec))
  const kind = spec.kind
  switch (kind) {
    case 'fixed':
      return emptyArg('fixed', asText(spec.value))
    case 'sequence':
      return { ...emptyArg('sequence'), start: asText(spec.start), step: asText(spec.step) }
    case 'random':
      return { ...emptyArg('random'), min: asText(spec.min), max: asText(spec.max) }
    case 'oneOf':
      return { ...emptyArg('oneOf'), values: Array.isArray(spec.values) ? spec.values.map(asText).join('\n') : '' }
    case 'sender':
      return emptyArg('sender')
    case 'account':
      return { ...emptyArg('account'), index: asText(spec.index) }
    default:
      return emptyArg('fixed', asText(spec))
  }
}

function targetToDraft(t: unknown, base: TargetDraft): TargetDraft {
  if (!isRecord(t)) return base
  const args = Array.isArray(t.constructorArgs) ? t.constructorArgs.map(asText) : []
  if ('address' in t)
    return {
      ...base,
      kind: 'address',
      address: asText(t.address),
      abi: typeof t.abi === 'string' ? t.abi : JSON.stringify(t.abi, null, 2),
    }
  if ('artifact' in t)
    return {
      ...base,
      kind: 'artifact',
      artifact: asText(t.artifact),
      contractName: asText(t.contractName),
      constructorArgs: args,
    }
  return { ...base, kind: 'builtin', builtin: oneOf(builtins, t.builtin, base.builtin), constructorArgs: args }
}

function scenarioToDraft(raw: unknown, base: ScenarioDraft): ScenarioDraft {
  const s = typeof raw === 'string' ? { name: raw } : raw
  if (!isRecord(s)) return base
  const name = oneOf(scenarioChoices, s.name, 'transfer')
  return {
    ...base,
    name,
    token: s.token === 'erc20' ? 'erc20' : 'eth',
    amount: asText(s.amount),
    journeysPerUser: asText(s.journeysPerUser),
    opsPerTx: asText(s.opsPerTx),
    rampFrom: asText(s.rampFrom),
    rampTo: asText(s.rampTo),
    rampSteps: asText(s.rampSteps),
    fillTxs: asText(s.fillTxs),
    call:
      name === 'custom-call'
        ? {
            target: targetToDraft(s.target, base.call.target),
            function: asText(s.function),
            args: Array.isArray(s.args) ? s.args.map(specToArg) : [],
            value: asText(s.value),
            gas: asText(s.gas),
            seed: asText(s.seed),
          }
        : base.call,
  }
}

/** A config (saved test, template, a run's config) as the form shows it. */
export function configToDraft(config: unknown): Draft {
  const d = emptyDraft()
  if (!isRecord(config)) return d
  const extra: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(config)) if (!formKeys.has(k)) extra[k] = v
  return {
    ...d,
    name: asText(config.name),
    mode: oneOf(modes, config.mode, d.mode),
    txs: asText(config.txs),
    accounts: asText(config.accounts),
    concurrency: asText(config.concurrency),
    rate: asText(config.rate),
    rotation: oneOf(rotations, config.rotation, d.rotation),
    delayMs: asText(config.delayMs),
    waitForReceipt: config.waitForReceipt !== false,
    batchSize: asText(config.batchSize),
    value: asText(config.value),
    to: asText(config.to),
    gasLimit: asText(config.gasLimit),
    maxFeePerGas: asText(config.maxFeePerGas),
    maxPriorityFeePerGas: asText(config.maxPriorityFeePerGas),
    mining: oneOf<MiningMode | ''>(miningModes, config.mining, ''),
    blockTime: asText(config.blockTime),
    retries: asText(config.retries),
    inclusionTimeoutMs: asText(config.inclusionTimeoutMs),
    stuckAfterMs: asText(config.stuckAfterMs),
    requestTimeoutMs: asText(config.requestTimeoutMs),
    funding: oneOf(fundingModes, config.funding, d.funding),
    topUp: config.topUp === true,
    rpcUrl: asText(config.rpcUrl),
    scenario: scenarioToDraft(config.scenario, d.scenario),
    extra,
  }
}
