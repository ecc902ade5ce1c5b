import type { EffectiveMining } from '../chain/mining'
import { leavesMiningToIdleNode, nodeNotMiningCode, nodeNotMiningText } from '../chain/mining-advice'
import type { NodeMining } from '../chain/node-mining'
import type { TestConfig } from '../config/schema'
import type { PreviewWarning, RunPreview } from './preview-types'

/**
 * Beyond this many txs in flight, Anvil 1.7.1's automine starts to strand some
 * (docs/anvil.md#automine-strands-txs).
 */
export const automineLoadLimit = 50

export type WarningFacts = {
  config: TestConfig
  /** Not a local dev chain: real funds are at stake (a known public mainnet's name, the loudest case). */
  nonDevChain?: { chainId: number; publicMainnet: string | null }
  planned: number
  senders: number
  mining: EffectiveMining
  /** How the node mines on its own right now (`unknown`: not Anvil). */
  ownMining: NodeMining
  blockGasLimit: bigint
  gasPerTx: bigint
  gasSource: RunPreview['gas']['source']
  funding: {
    method: RunPreview['funding']['method']
    totalShort: bigint
    shortAccounts: number
    /** What the funder must pay (transfers + their gas), and what it has; null funder = none found. */
    funderNeeds: bigint
    funder: { balance: bigint } | null
  }
  call?: { payable: boolean; hasCode: boolean | null; estimateError: string | null }
}

const eth = (wei: bigint) => {
  const whole = wei / 10n ** 18n
  const frac = ((wei % 10n ** 18n) * 10_000n) / 10n ** 18n
  return `${whole}.${frac.toString().padStart(4, '0')} ETH`
}

/** Everything worth a second look before launch; pure, so each rule is easy to test and to read. */
export function previewWarnings(f: WarningFacts): PreviewWarning[] {
  const { config } = f
  const out: PreviewWarning[] = []
  const add = (code: string, message: string, field?: string) =>
    out.push({ code, message, ...(field ? { field } : {}) })

  if (f.nonDevChain) {
    const { chainId, publicMainnet } = f.nonDevChain
    const chain = publicMainnet
      ? `${publicMainnet} (chain ${chainId}) is a public mainnet`
      : `Chain ${chainId} is not a local dev chain`
    add(
      config.allowNonDevChain ? 'non-dev-chain-allowed' : 'non-dev-chain',
      config.allowNonDevChain
        ? `${chain}: this run spends real funds.`
        : `${chain}: the run will be refused unless allowNonDevChain is set (the form asks you to type the chain's name).`,
      'allowNonDevChain',
    )
  }

  const automining = f.mining === 'automine' || (f.mining === 'node' && f.ownMining.kind === 'automine')
  const inFlight = config.mode === 'concurrent' ? config.concurrency : config.mode === 'multi-user' ? f.senders : 1
  if (automining && inFlight > automineLoadLimit)
    add(
      'automine-under-load',
      `Anvil automine can strand txs under load (${inFlight} in flight here): use engine mining (mining: engine), or interval mining for realistic latency.`,
      'mining',
    )

  if (leavesMiningToIdleNode(f.mining, f.ownMining)) {
    const { message, hint } = nodeNotMiningText(config)
    add(nodeNotMiningCode, `${message} ${hint}`, 'mining')
  }

  if (config.scenario?.name === 'gas-limit') {
    if (config.gasLimit !== undefined)
      add(
        'gas-limit-overrides-ramp',
        'gasLimit replaces every gas limit of the ramp: leave it empty for this scenario.',
        'gasLimit',
      )
  } else if (f.gasPerTx > f.blockGasLimit)
    add(
      'gas-above-block-limit',
      `Gas limit per tx (${f.gasPerTx}) is above the node's block gas limit (${f.blockGasLimit}): no block can hold such a tx, the node refuses it.`,
      f.gasSource === 'gasLimit' ? 'gasLimit' : f.gasSource === 'scenario.gas' ? 'scenario.gas' : undefined,
    )

  if (f.senders > f.planned)
    add(
      'idle-accounts',
      `${f.senders - f.planned} of ${f.senders} accounts will send nothing: only ${f.planned} txs are planned.`,
      'accounts',
    )
  if (config.rate !== undefined && config.mode !== 'concurrent')
    add('rate-ignored', `rate only applies in concurrent mode; ${config.mode} mode ignores it.`, 'rate')
  if (config.delayMs > 0 && config.mode === 'concurrent')
    add('delay-ignored', 'delayMs only applies in sequential and multi-user modes.', 'delayMs')
  if (config.blockTime !== undefined && f.mining !== 'interval')
    add('block-time-ignored', `blockTime only applies with mining: interval (this run: ${f.mining}).`, 'blockTime')

  if (f.mining === 'interval') {
    const blockTime = config.blockTime ?? 1
    const perBlock = f.gasPerTx > 0n ? f.blockGasLimit / f.gasPerTx : 0n
    const ceiling = Number(perBlock) / blockTime
    if (config.rate !== undefined && config.rate > ceiling)
      add(
        'rate-above-block-capacity',
        `A block every ${blockTime} s holds at most ${perBlock} txs of ${f.gasPerTx} gas: about ${Math.floor(ceiling)} tx/s can be mined, below the target rate of ${config.rate}.`,
        'rate',
      )
    if (config.mode === 'sequential' && config.waitForReceipt)
      add(
        'sequential-interval',
        `Each tx waits for the next block (every ${blockTime} s): ${f.planned} txs take about ${Math.ceil(f.planned * blockTime)} s.`,
        'mining',
      )
  }

  const { funding } = f
  if (funding.totalShort > 0n) {
    if (funding.method === 'none')
      add(
        'unfunded-senders',
        `${funding.shortAccounts} sender(s) lack ${eth(funding.totalShort)} in total and funding is "none": the run will stop before sending.`,
        'funding',
      )
    else if (funding.method === 'transfer' && !funding.funder)
      add(
        'no-funder',
        `${funding.shortAccounts} sender(s) need ${eth(funding.totalShort)} and there is no funder: set funderKey or use a node with an unlocked account.`,
        'funding',
      )
    else if (funding.method === 'transfer' && funding.funder && funding.funder.balance < funding.funderNeeds)
      add(
        'funder-short',
        `The funder has ${eth(funding.funder.balance)}; funding needs about ${eth(funding.funderNeeds)}: the run will stop before sending.`,
        'funderKey',
      )
  }

  const call = f.call
  if (call) {
    if (call.hasCode === false)
      add(
        'no-code',
        'There is no contract at this address on this node: every call would do nothing.',
        'scenario.target.address',
      )
    if (call.estimateError)
      add('estimate-reverts', `The first call reverts when estimated: ${call.estimateError}`, 'scenario.args')
    const value = config.scenario?.name === 'custom-call' ? config.scenario.value : 0n
    if (value > 0n && !call.payable)
      add('value-to-nonpayable', 'The function is not payable: every call that sends value reverts.', 'scenario.value')
  }
  return out
}
