import type { Address } from 'viem'
import type { ScenarioConfig } from '../config/scenario-schema'
import type { PlannedTx } from '../testing/tx'
import { call, estimateGas, nextOf, revertDecoder } from './shared'
import { deployTokenAndMint, tokenBalances } from './token'
import type { Scenario, ScenarioCheck } from './types'

type Options = Extract<ScenarioConfig, { name: 'rapid-transfer' }>
const erc20TransferGas = 90_000n

function* ethPlan(txs: number, amount: bigint): Generator<PlannedTx> {
  for (let idx = 0; idx < txs; idx++) yield { idx, value: amount, label: 'transfer' }
}

/**
 * As many transfers as the node takes, each to the next account: ETH, or an ERC20 deployed for
 * the run (every sender minted what it may send, and every balance checked to the unit after).
 */
export const rapidTransferScenario: Scenario = {
  name: 'rapid-transfer',
  shape: (config) => {
    const o = config.scenario as Options
    return o.token === 'eth'
      ? { planned: config.txs, gasPerTx: config.gasLimit ?? 21_000n, valuePerTx: o.amount }
      : { planned: config.txs, gasPerTx: config.gasLimit ?? erc20TransferGas, valuePerTx: 0n }
  },
  async setup(ctx) {
    const o = ctx.config.scenario as Options
    const { config, senders } = ctx
    if (o.token === 'eth') return { plan: ethPlan(config.txs, o.amount) }

    // Round-robin shares are exact; other rotations can give a sender up to about twice its share.
    const share = BigInt(Math.ceil(config.txs / senders.length)) * (config.rotation === 'round-robin' ? 1n : 2n)
    const token = await deployTokenAndMint(
      ctx,
      senders.map((s) => ({ to: s.address, amount: share * o.amount })),
    )
    const first = senders[0]?.address as Address
    const transfer = (from: Address) => call(token.abi, 'transfer', [nextOf(senders, from), o.amount])
    const gas = config.gasLimit ?? (await estimateGas(ctx, { from: first, to: token.address, data: transfer(first) }))
    const holders = senders.map((s) => s.address)
    const before = await tokenBalances(ctx, token, holders)

    function* plan(): Generator<PlannedTx> {
      for (let idx = 0; idx < config.txs; idx++)
        yield { idx, to: token.address, value: 0n, gas, label: 'transfer(address,uint256)', encode: transfer }
    }

    return {
      contracts: { token: token.address },
      decodeRevert: revertDecoder(token.abi),
      plan: plan(),
      async verify(mined): Promise<ScenarioCheck[]> {
        const expected = new Map(holders.map((h, i) => [h.toLowerCase(), before[i] ?? 0n]))
        const move = (who: string, delta: bigint) => expected.set(who, (expected.get(who) ?? 0n) + delta)
        for (const m of mined) {
          move(m.from.toLowerCase(), -o.amount)
          move(nextOf(senders, m.from).toLowerCase(), o.amount)
        }
        const after = await tokenBalances(ctx, token, holders)
        return holders.map((h, i) => ({
          name: `balanceOf(${h})`,
          ok: after[i] === expected.get(h.toLowerCase()),
          expected: String(expected.get(h.toLowerCase())),
          actual: String(after[i]),
        }))
      },
    }
  },
}
