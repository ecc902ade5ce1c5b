import {
  type ArgDraft,
  appliesTo,
  type ConfigJson,
  type Draft,
  plansOwnTxs,
  type ScenarioDraft,
  type TargetDraft,
} from './draft'
import { textToThresholds } from './thresholds-text'

/** The form's draft → the test config JSON the API takes (blank inputs = absent = the default). */

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
      put(spec, 'format', text(a.format))
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
    case 'contract':
      return { kind: 'contract', name: a.contract.trim() }
    case 'balanceFraction': {
      const spec: ConfigJson = { kind: 'balanceFraction', contract: a.contract.trim() }
      put(spec, 'fraction', num(a.fraction))
      return spec
    }
    case 'now': {
      const spec: ConfigJson = { kind: 'now' }
      put(spec, 'plus', num(a.plus))
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
  put(out, 'thresholds', textToThresholds(d.thresholds))
  return out
}
