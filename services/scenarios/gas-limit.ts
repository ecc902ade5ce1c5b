import type { Address } from 'viem'
import type { ScenarioConfig } from '../config/scenario-schema'
import { loadBuiltinArtifact } from '../contracts/artifacts'
import type { PlannedTx } from '../testing/tx'
import { isIncluded } from '../testing/tx'
import { call, deployFromFirstSender, revertDecoder } from './shared'
import type { Findings, Scenario, ScenarioStats } from './types'

type Options = Extract<ScenarioConfig, { name: 'gas-limit' }>
const rampLabel = 'burn(uint256) ramp'
const fillLabel = 'burn(uint256) fill'
/** Gas a burn() call spends around its loop (intrinsic, calldata, dispatch): kept out of the burn. */
const callOverhead = 24_000n

/**
 * Gas-limit stress on a GasBurner: `fillTxs` txs of a quarter block each, so blocks run full,
 * then a ramp of txs whose gas limits climb from `rampFrom` to `rampTo` × the block gas limit
 * (each burning near its limit) — the node refuses those above the limit, which finds it to
 * within one step. The report gives the limit found, and gas per block and fullness.
 */
export const gasLimitScenario: Scenario = {
  name: 'gas-limit',
  shape: (config, node) => {
    const o = config.scenario as Options
    return {
      planned: o.rampSteps + o.fillTxs,
      gasPerTx: (node.blockGasLimit * BigInt(Math.round(o.rampTo * 1000))) / 1000n,
      valuePerTx: 0n,
    }
  },
  async setup(ctx) {
    const o = ctx.config.scenario as Options
    const limit = ctx.node.blockGasLimit
    const artifact = loadBuiltinArtifact('GasBurner')
    const { address } = await deployFromFirstSender(ctx, artifact)
    const burn = (gas: bigint): PlannedTx['data'] =>
      call(artifact.abi, 'burn', [gas > callOverhead ? gas - callOverhead : 0n])
    const rampGas = (i: number) => {
      const f = o.rampFrom + ((o.rampTo - o.rampFrom) * i) / (o.rampSteps - 1)
      return (limit * BigInt(Math.round(f * 1_000_000))) / 1_000_000n
    }
    const fillGas = limit / 4n

    // Fill first, ramp last: the refused (highest) gas limits then hold each sender's highest
    // nonces, which simply go back, rather than leaving holes under txs already sent.
    function* plan(): Generator<PlannedTx> {
      let idx = 0
      for (let i = 0; i < o.fillTxs; i++)
        yield { idx: idx++, to: address as Address, value: 0n, gas: fillGas, label: fillLabel, data: burn(fillGas) }
      for (let i = 0; i < o.rampSteps; i++) {
        const gas = rampGas(i)
        yield { idx: idx++, to: address as Address, value: 0n, gas, label: rampLabel, data: burn(gas) }
      }
    }

    return {
      contracts: { gasBurner: address },
      plan: plan(),
      decodeRevert: revertDecoder(artifact.abi),
      findings: (stats) => findLimit(stats),
    }
  },
}

function findLimit(stats: ScenarioStats): Findings {
  // One pass over the stored outcomes: the ramp's accepted and refused gas limits, and gas per
  // block of the fill phase from our own txs' receipts (what it did to block fullness).
  let accepted = 0
  let refused = 0
  let maxAccepted: bigint | null = null
  let minRefused: bigint | null = null
  const perBlock = new Map<bigint, bigint>()
  for (const t of stats.txs) {
    const included = isIncluded(t.state)
    if (t.label === rampLabel) {
      if (included) {
        accepted++
        if (maxAccepted === null || t.gas > maxAccepted) maxAccepted = t.gas
      } else if (t.state === 'failed' && t.error?.kind === 'gas-above-block-limit') {
        refused++
        if (minRefused === null || t.gas < minRefused) minRefused = t.gas
      }
    } else if (t.label === fillLabel && included && t.gasUsed !== undefined)
      perBlock.set(t.blockNumber ?? -1n, (perBlock.get(t.blockNumber ?? -1n) ?? 0n) + t.gasUsed)
  }
  const found = maxAccepted
  const errorPercent =
    found === null
      ? null
      : Math.round((Math.abs(Number(found - stats.blockGasLimit)) / Number(stats.blockGasLimit)) * 10_000) / 100

  const fullness = [...perBlock.values()].map((g) => Number(g) / Number(stats.blockGasLimit))
  return {
    blockGasLimit: stats.blockGasLimit.toString(),
    highestAcceptedGasLimit: maxAccepted?.toString() ?? null,
    lowestRefusedGasLimit: minRefused?.toString() ?? null,
    foundLimitErrorPercent: errorPercent,
    rampAccepted: accepted,
    rampRefused: refused,
    fillBlocks: perBlock.size,
    fillAvgBlockFullness: fullness.length
      ? Math.round((fullness.reduce((a, b) => a + b, 0) / fullness.length) * 1000) / 1000
      : null,
    fillMaxBlockFullness: fullness.length ? Math.round(Math.max(...fullness) * 1000) / 1000 : null,
  }
}
