import { sendPolicies } from '@/services/config/send-policies'
import { configToWorkload } from './config-to-workload'
import {
  allTypesAlike,
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
  type TxTypeChoice,
  txTypeChoices,
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
  'txType',
  'accessList',
  'mining',
  'blockTime',
  'retries',
  'inclusionTimeoutMs',
  'stuckAfterMs',
  'requestTimeoutMs',
  'funding',
  'topUp',
  'rpcUrl',
  'rpcUrls',
  'sendPolicy',
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

/** The select's value for a config's txType; undefined for a mix it cannot show. */
function txTypeToChoice(v: unknown): TxTypeChoice | undefined {
  if (v === undefined) return ''
  if (typeof v === 'string') return (txTypeChoices as readonly string[]).includes(v) ? (v as TxTypeChoice) : undefined
  const all = allTypesAlike()
  if (
    isRecord(v) &&
    Object.keys(v).length === Object.keys(all).length &&
    Object.entries(all).every(([t, w]) => v[t] === w)
  )
    return 'all'
  return undefined
}

/** A config (saved test, template, a run's config) as the form shows it. */
export function configToDraft(config: unknown): Draft {
  const d = emptyDraft()
  if (!isRecord(config)) return d
  const extra: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(config)) if (!formKeys.has(k) && !perLaunch.has(k)) extra[k] = v
  // A mix the select cannot show (other weights) rides along as loaded; so do blob options beyond perTx.
  const txType = txTypeToChoice(config.txType)
  if (txType === undefined) extra.txType = config.txType
  // The blobs-per-tx control shows for eip4844 and "all" only: otherwise blobs ride along whole.
  const blobs = isRecord(config.blobs) && (txType === 'eip4844' || txType === 'all') ? config.blobs : undefined
  if (blobs) {
    const { perTx: _shown, ...rest } = blobs
    if (Object.keys(rest).length) extra.blobs = rest
    else delete extra.blobs
  }
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
    txType: txType ?? '',
    accessList: config.accessList === 'generated' ? 'generated' : 'empty',
    blobsPerTx: asText(blobs?.perTx),
    mining: oneOf<MiningMode | ''>(miningModes, config.mining, ''),
    blockTime: asText(config.blockTime),
    retries: asText(config.retries),
    inclusionTimeoutMs: asText(config.inclusionTimeoutMs),
    stuckAfterMs: asText(config.stuckAfterMs),
    requestTimeoutMs: asText(config.requestTimeoutMs),
    funding: oneOf(fundingModes, config.funding, d.funding),
    topUp: config.topUp === true,
    rpcUrl: asText(config.rpcUrl),
    rpcUrls: Array.isArray(config.rpcUrls) ? config.rpcUrls.map(asText).join('\n') : '',
    sendPolicy: oneOf(sendPolicies, config.sendPolicy, d.sendPolicy),
    thresholds: thresholdsToText(config.thresholds),
    scenario: scenarioToDraft(config.scenario, d.scenario),
    extra,
  }
}
