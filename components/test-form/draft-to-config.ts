import { argToSpec } from './arg-to-spec'
import {
  allTypesAlike,
  appliesTo,
  type ConfigJson,
  type Draft,
  plansOwnTxs,
  type ScenarioDraft,
  type TargetDraft,
} from './draft'
import { blank, jsonOrText, num, put, text } from './draft-values'
import { textToThresholds } from './thresholds-text'
import { workloadToConfig } from './workload-to-config'

/** The form's draft → the test config JSON the API takes (blank inputs = absent = the default). */

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
    case 'tx-types':
      return out
    case 'workload':
      return { ...out, ...workloadToConfig(s.workload) }
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
  if (d.txType) out.txType = d.txType === 'all' ? allTypesAlike() : d.txType
  // Their controls show only for the types they shape: a hidden value is not sent.
  const has = (t: string) => d.txType === t || d.txType === 'all'
  if (has('eip2930') && d.accessList !== 'empty') out.accessList = d.accessList
  const perTx = num(d.blobsPerTx)
  if (has('eip4844') && perTx !== undefined) out.blobs = { ...(d.extra.blobs as ConfigJson | undefined), perTx }
  if (d.mining) out.mining = d.mining
  if (d.mining === 'interval') put(out, 'blockTime', num(d.blockTime))
  put(out, 'retries', num(d.retries))
  put(out, 'inclusionTimeoutMs', num(d.inclusionTimeoutMs))
  put(out, 'stuckAfterMs', num(d.stuckAfterMs))
  put(out, 'requestTimeoutMs', num(d.requestTimeoutMs))
  out.funding = d.funding
  if (d.topUp) out.topUp = true
  put(out, 'rpcUrl', text(d.rpcUrl))
  const endpoints = d.rpcUrls
    .split('\n')
    .map((u) => u.trim())
    .filter(Boolean)
  if (endpoints.length) {
    out.rpcUrls = endpoints
    out.sendPolicy = d.sendPolicy
  }
  put(out, 'scenario', scenarioToConfig(d.scenario))
  put(out, 'thresholds', textToThresholds(d.thresholds))
  return out
}
