import { configToWorkload } from './config-to-workload'
import {
  builtins,
  type Draft,
  emptyDraft,
  fundingModes,
  type MiningMode,
  miningModes,
  modes,
  rotations,
  type ScenarioDraft,
  scenarioChoices,
  type TargetDraft,
} from './draft'
import { asText, isRecord, oneOf, specToArg } from './spec-to-arg'
import { thresholdsToText } from './thresholds-text'

/** A test config (saved, templated, or a past run's) → the form's draft; unknown keys ride in `extra`. */

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
  'thresholds',
])

/**
 * Keys the form never carries over from a loaded config: allowNonDevChain is given per launch, by
 * typing the chain's name (a past run's `true` must not skip that).
 */
const perLaunch = new Set<string>(['allowNonDevChain'])

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
    workload: name === 'workload' ? configToWorkload(s) : base.workload,
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
  for (const [k, v] of Object.entries(config)) if (!formKeys.has(k) && !perLaunch.has(k)) extra[k] = v
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
    thresholds: thresholdsToText(config.thresholds),
    scenario: scenarioToDraft(config.scenario, d.scenario),
    extra,
  }
}
