import { type Address, hexToBigInt, toHex, zeroAddress } from 'viem'
import { decodeRevert } from '../abi/decode-revert'
import { isDevChain, publicMainnetName } from '../chain/chain-guard'
import type { Connection } from '../chain/connection'
import { chooseMining } from '../chain/mining'
import { getNodeInfo, type NodeInfo } from '../chain/node-info'
import { revertDataOf } from '../chain/revert-data'
import type { Fees } from '../chain/signer'
import type { TestConfig } from '../config/schema'
import { scenarioFor } from '../scenarios'
import { compileCustomCall } from '../scenarios/custom-call'
import { compileWorkload } from '../scenarios/workload/compile'
import { createFeeProvider } from '../testing/fees'
import { blobFeeCap, txTypeCosts, typeWeights } from '../testing/tx-type-costs'
import { chain, fundingOf } from './preview-funding'
import { customCallSamples, erc20Samples, transferSamples } from './preview-samples'
import { type AddressBook, createAddressBook, previewSenders } from './preview-senders'
import type { PreviewFees, PreviewSample, RunPreview } from './preview-types'
import { previewWarnings } from './preview-warnings'
import { estimateDeploys, shapeWorkloadPreview } from './preview-workload'

export { previewBalanceCap } from './preview-funding'

export type PreviewNode = { conn: Connection; embedded: boolean }
export type PreviewRunParameters = { config: TestConfig; node: PreviewNode; dataDir: string; book: AddressBook }

/** Previews of runs (createPreviewer). */
export type Previewer = {
  /** What the config will send, against the node, without changing it (previewRun). */
  preview: (config: TestConfig, node: PreviewNode) => Promise<RunPreview>
}

/** A previewer keeps the derived addresses of recent mnemonics, so previews on each keystroke stay fast. */
export function createPreviewer(options: { dataDir: string }): Previewer {
  const book = createAddressBook()
  return {
    preview: (config: TestConfig, node: PreviewNode) => previewRun({ config, node, dataDir: options.dataDir, book }),
  }
}

type Compiled = ReturnType<typeof compileCustomCall>

/**
 * What a config will send, computed against the node without changing it: planned txs, senders and
 * their shares, gas and cost at current fees, the funding the run will need, the first txs
 * (decoded args and calldata for custom calls) and warnings. Bad input is the same ConfigError
 * the run would raise, naming the field.
 */
export async function previewRun(p: PreviewRunParameters): Promise<RunPreview> {
  const { config, node } = p
  const { conn } = node
  const info = await getNodeInfo(conn)
  const mining = chooseMining(config, info, node.embedded)
  const scenario = scenarioFor(config)
  const shape = scenario.shape(config, info)
  const compiled = config.scenario?.name === 'custom-call' ? compileCustomCall(config) : undefined
  const fees = createFeeProvider(conn, config)
  await chain(() => fees.init())
  const senders = await previewSenders(config, conn, p.dataDir, p.book)
  const target = compiled ? await callTarget(conn, compiled, senders.addresses, config) : undefined
  const gas = gasOf(config, shape.gasPerTx, target?.estimate ?? null)

  // Blob gas and authorizations: at the blob base fee now, and at the cap the run funds for.
  const blobFee = typeWeights(config).eip4844 ? await chain(() => blobFeeCap(config, conn)) : { cap: 0n, baseFee: 0n }
  const typeNow = txTypeCosts(config, blobFee.baseFee).average
  const typeMax = txTypeCosts(config, blobFee.cap).worst
  const fundedPerTx = fees.maxGasCost(shape.gasPerTx + typeMax.gas) + typeMax.wei + shape.valuePerTx
  const funding = await fundingOf(config, conn, info, senders, fundedPerTx, fees.get(), shape.planned)
  const price = effectivePrice(fees.get(), info.baseFeePerGas)
  const perTxWei = (gas.perTx + typeNow.gas) * price + typeNow.wei + shape.valuePerTx
  const perTxMaxWei = fees.maxGasCost(gas.perTx + typeMax.gas) + typeMax.wei + shape.valuePerTx
  const shares = sharesOf(shape.planned, senders.total)
  const planned = BigInt(shape.planned)
  const devChain = isDevChain(info)
  const workload = config.scenario?.name === 'workload' ? await workloadOf(conn, config, senders, price) : null

  return {
    mode: config.mode,
    planned: shape.planned,
    scenario: { name: scenario.name, summary: summaryOf(config, shape.planned, info, compiled) },
    node: {
      chainId: info.chainId,
      blockNumber: info.blockNumber.toString(),
      blockGasLimit: info.blockGasLimit.toString(),
      clientVersion: info.clientVersion,
      isAnvil: info.isAnvil,
      devChain,
      publicMainnet: publicMainnetName(info.chainId),
      embedded: node.embedded,
      ownMining: info.ownMining,
      mining,
    },
    accounts: {
      total: senders.total,
      source: senders.source,
      rotation: config.rotation,
      perAccount: { min: shares.min, max: shares.max },
      note: shareNote(config),
      shares: funding.rows.map((row, i) => ({ ...row, txs: shares.of(i) })),
    },
    gas: {
      perTx: gas.perTx.toString(),
      source: gas.source,
      fundedPerTx: shape.gasPerTx.toString(),
      note: gasNote(config, gas.source),
    },
    fees: feesOf(fees.get(), info.baseFeePerGas),
    cost: {
      perTxWei: perTxWei.toString(),
      totalWei: (perTxWei * planned).toString(),
      perTxMaxWei: perTxMaxWei.toString(),
      totalMaxWei: (perTxMaxWei * planned).toString(),
      totalValueWei: (shape.valuePerTx * planned).toString(),
    },
    funding: {
      mode: config.funding,
      method: funding.method,
      needPerAccountWei: funding.need.toString(),
      totalNeedWei: (funding.need * BigInt(senders.total)).toString(),
      totalShortWei: funding.totalShort.toString(),
      shortAccounts: funding.shortAccounts,
      checkedAccounts: funding.rows.length,
      funder: funding.funder
        ? { address: funding.funder.address, balanceWei: funding.funder.balance.toString() }
        : null,
    },
    call: compiled
      ? { signature: compiled.found.signature, selector: compiled.found.selector, target: target?.label ?? '' }
      : null,
    workload: workload?.preview ?? null,
    samples: workload?.samples ?? samplesOf(config, shape.planned, senders.addresses, compiled, target),
    warnings: previewWarnings({
      config,
      nonDevChain: devChain ? undefined : { chainId: info.chainId, publicMainnet: publicMainnetName(info.chainId) },
      planned: shape.planned,
      senders: senders.total,
      mining,
      ownMining: info.ownMining,
      blockGasLimit: info.blockGasLimit,
      gasPerTx: gas.perTx,
      gasSource: gas.source,
      funding: {
        method: funding.method,
        totalShort: funding.totalShort,
        shortAccounts: funding.shortAccounts,
        funderNeeds: funding.funderNeeds,
        funder: funding.funder,
      },
      ...(compiled && target
        ? {
            call: {
              payable: compiled.found.fn.stateMutability === 'payable',
              hasCode: target.hasCode,
              estimateError: target.estimateError,
            },
          }
        : {}),
    }),
  }
}

/** A workload's deploys (estimated), set-up, mix and first calls. */
async function workloadOf(
  conn: Connection,
  config: TestConfig,
  senders: { addresses: readonly Address[]; total: number },
  price: bigint,
) {
  const w = compileWorkload(config)
  const shape = {
    senders: senders.addresses,
    senderCount: senders.total,
    planned: config.txs,
    nowSec: BigInt(Math.floor(Date.now() / 1000)),
  }
  const { preview, samples } = shapeWorkloadPreview(w, shape)
  return { preview: await estimateDeploys(conn, w, preview, { ...shape, price }), samples }
}

type CallTarget = {
  address: Address | null
  label: string
  hasCode: boolean | null
  estimate: bigint | null
  estimateError: string | null
}

/** Where the calls go; for a deployed contract: whether it has code, and the node's gas estimate of the first call. */
async function callTarget(
  conn: Connection,
  compiled: Compiled,
  senders: readonly Address[],
  config: TestConfig,
): Promise<CallTarget> {
  const t = compiled.o.target
  if (!('address' in t)) {
    const name = 'builtin' in t ? t.builtin : (compiled.deploy?.artifact.contractName ?? 'the contract')
    return { address: null, label: `${name} (deployed at start)`, hasCode: null, estimate: null, estimateError: null }
  }
  const address = t.address as Address
  const code = await chain(() => conn.request('eth_getCode', [address, 'latest']))
  const hasCode = code !== '0x'
  const base = { address, label: address, hasCode, estimate: null, estimateError: null }
  if (!hasCode || config.gasLimit !== undefined || compiled.o.gas !== undefined) return base
  const from = senders[0] ?? zeroAddress
  try {
    const data = compiled.args.encode({ i: 0, from, accounts: senders })
    const raw = await conn.request('eth_estimateGas', [{ from, to: address, data, value: toHex(compiled.o.value) }])
    // The same margin the run adds to its own estimate (state drifts during a run).
    return { ...base, estimate: (hexToBigInt(raw) * 13n) / 10n }
  } catch (error) {
    const data = revertDataOf(error)
    const reason = data ? decodeRevert(compiled.abi, data).message : undefined
    const message = reason ?? (error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : String(error))
    return { ...base, estimateError: message }
  }
}

function gasOf(
  config: TestConfig,
  shapeGas: bigint,
  estimate: bigint | null,
): { perTx: bigint; source: RunPreview['gas']['source'] } {
  if (config.gasLimit !== undefined) return { perTx: config.gasLimit, source: 'gasLimit' }
  const scenario = config.scenario
  if (scenario?.name === 'custom-call' && scenario.gas !== undefined)
    return { perTx: scenario.gas, source: 'scenario.gas' }
  if (estimate !== null) return { perTx: estimate, source: 'estimate' }
  return { perTx: shapeGas, source: 'scenario' }
}

function gasNote(config: TestConfig, source: RunPreview['gas']['source']): string | null {
  if (source !== 'scenario') return null
  switch (config.scenario?.name) {
    case 'custom-call':
      return 'Estimated by the node once the contract is deployed (+30%); funding assumes this upper bound.'
    case 'rapid-transfer':
      return config.scenario.token === 'erc20' ? 'Upper bound; the run estimates a token transfer once deployed.' : null
    case 'batch-operations':
      return 'Upper bound for a batch tx; single transfers use less (estimated once deployed).'
    case 'workload':
      return 'Upper bound per call, for funding; each call is estimated by the node once the contracts are deployed and set up.'
    case 'gas-limit':
      return 'The highest gas limit of the ramp (rampTo × the block gas limit); fill txs use a quarter block.'
    default:
      return null
  }
}

function sharesOf(planned: number, total: number) {
  const n = Math.max(total, 1)
  const base = Math.floor(planned / n)
  const extra = planned % n
  return { min: base, max: base + (extra > 0 ? 1 : 0), of: (i: number) => base + (i < extra ? 1 : 0) }
}

function shareNote(config: TestConfig): string | null {
  if (config.scenario?.name === 'concurrent-users') return null
  if (config.rotation === 'random')
    return 'Senders are picked at random: shares vary around this (funding allows 25% more).'
  if (config.rotation === 'least-pending')
    return 'The account with the fewest txs in flight sends next: shares follow each account’s speed (funding allows 25% more).'
  if (config.mode === 'multi-user') return 'Each user sends its share in turn, the next tx once its last one is mined.'
  return null
}

/** What a unit of gas costs today: base fee + tip under EIP-1559 (capped by the max fee), else the gas price. */
function effectivePrice(fees: Fees, baseFee: bigint | undefined): bigint {
  if (fees.type === 'legacy') return fees.gasPrice
  const price = (baseFee ?? 0n) + fees.maxPriorityFeePerGas
  return price < fees.maxFeePerGas ? price : fees.maxFeePerGas
}

function feesOf(fees: Fees, baseFee: bigint | undefined): PreviewFees {
  return fees.type === 'legacy'
    ? { type: 'legacy', gasPrice: fees.gasPrice.toString() }
    : {
        type: 'eip1559',
        baseFeePerGas: (baseFee ?? 0n).toString(),
        maxFeePerGas: fees.maxFeePerGas.toString(),
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas.toString(),
      }
}

function samplesOf(
  config: TestConfig,
  planned: number,
  senders: readonly Address[],
  compiled: Compiled | undefined,
  target: CallTarget | undefined,
): PreviewSample[] {
  const scenario = config.scenario
  if (compiled && target)
    return customCallSamples({
      senders,
      planned,
      generators: compiled.args,
      signature: compiled.found.signature,
      to: target.address,
      toLabel: target.address ? null : target.label,
      value: compiled.o.value,
    })
  if (!scenario || scenario.name === 'transfer')
    return transferSamples({ senders, planned, to: config.to as Address | undefined, value: config.value })
  if (scenario.name === 'rapid-transfer')
    return scenario.token === 'eth'
      ? transferSamples({ senders, planned, to: undefined, value: scenario.amount })
      : erc20Samples({ senders, planned, amount: scenario.amount })
  return []
}

function summaryOf(config: TestConfig, planned: number, info: NodeInfo, compiled: Compiled | undefined): string {
  const s = config.scenario
  switch (s?.name) {
    case undefined:
    case 'transfer':
      return `${commas(planned)} ETH transfers of ${commas(config.value)} wei, each to ${config.to ?? 'the next account'}.`
    case 'rapid-transfer':
      return s.token === 'eth'
        ? `${commas(planned)} ETH transfers of ${commas(s.amount)} wei, each to the next account.`
        : `A StressToken is deployed and each sender minted its share; then ${commas(planned)} token transfers of ${commas(s.amount)} units, balances checked after.`
    case 'concurrent-users':
      return `${config.accounts} users × ${s.journeysPerUser} journey(s) × 2 txs (approve the next user, then transfer ${s.amount} units to them).`
    case 'batch-operations': {
      const batches = Math.ceil(config.txs / s.opsPerTx)
      return `${batches} batchTransfer txs of ${s.opsPerTx} transfers, then the same ${config.txs} transfers one tx each; gas and ops/s compared.`
    }
    case 'gas-limit':
      return `${s.fillTxs} txs of a quarter block each, then ${s.rampSteps} txs whose gas limits ramp from ${s.rampFrom}× to ${s.rampTo}× the block gas limit (${commas(info.blockGasLimit)}).`
    case 'workload': {
      const n = Object.keys(s.contracts).length
      return `${n} contract(s) deployed, ${s.setup.length} set-up step(s), then ${commas(planned)} calls mixed from ${s.calls.length} kinds by weight.`
    }
    case 'tx-types':
      return `A Counter is deployed; then ${commas(planned)} increment() calls sent as ${typeof config.txType === 'string' ? config.txType : config.txType ? Object.keys(config.txType).join(' / ') : 'legacy / eip2930 / eip1559 / eip4844 / eip7702'} txs, each receipt's type checked after.`
    case 'custom-call':
      return `${commas(planned)} calls of ${compiled?.found.signature ?? s.function}${compiled?.deploy ? `, on a ${compiled.deploy.artifact.contractName} deployed at start` : ''}.`
  }
}

/** 1000000 → "1,000,000", for sentences. */
const commas = (n: number | bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
