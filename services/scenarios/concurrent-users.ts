import type { ScenarioConfig } from '../config/scenario-schema'
import type { PlannedTx } from '../testing/tx'
import { call, nextOf, revertDecoder } from './shared'
import { deployTokenAndMint, tokenBalances } from './token'
import type { Scenario, ScenarioCheck } from './types'

type Options = Extract<ScenarioConfig, { name: 'concurrent-users' }>
const stepGas = 90_000n

/**
 * N simulated users, one account each, side by side. Each journey: approve the next user, then
 * transfer to them; after the run every user's balance and allowance is read back and checked.
 * In multi-user mode each user waits for its last tx and `delayMs` of think-time between steps.
 */
export const concurrentUsersScenario: Scenario = {
  name: 'concurrent-users',
  shape: (config) => {
    const o = config.scenario as Options
    return { planned: config.accounts * o.journeysPerUser * 2, gasPerTx: config.gasLimit ?? stepGas, valuePerTx: 0n }
  },
  async setup(ctx) {
    const o = ctx.config.scenario as Options
    const users = ctx.senders
    const journeys = o.journeysPerUser
    const token = await deployTokenAndMint(
      ctx,
      users.map((u) => ({ to: u.address, amount: BigInt(journeys) * o.amount })),
    )
    const holders = users.map((u) => u.address)
    const before = await tokenBalances(ctx, token, holders)
    const gas = ctx.config.gasLimit ?? stepGas

    // Interleaved by user so every user's journey starts at once; each tx is its user's own.
    function* plan(): Generator<PlannedTx> {
      let idx = 0
      for (let j = 0; j < journeys; j++)
        for (const step of ['approve', 'transfer'] as const)
          for (const u of users)
            yield {
              idx: idx++,
              from: u.address,
              to: token.address,
              value: 0n,
              gas,
              label: `${step}(address,uint256)`,
              data: call(token.abi, step, [nextOf(users, u.address), o.amount]),
            }
    }

    return {
      contracts: { token: token.address },
      decodeRevert: revertDecoder(token.abi),
      plan: plan(),
      async verify(mined): Promise<ScenarioCheck[]> {
        const sent = new Map<string, number>()
        for (const m of mined)
          if (m.label.startsWith('transfer')) sent.set(m.from.toLowerCase(), (sent.get(m.from.toLowerCase()) ?? 0) + 1)
        const after = await tokenBalances(ctx, token, holders)
        const checks: ScenarioCheck[] = holders.map((h, i) => {
          const received = sent.get(users[(i - 1 + users.length) % users.length]?.address.toLowerCase() ?? '') ?? 0
          const expected =
            (before[i] ?? 0n) - BigInt(sent.get(h.toLowerCase()) ?? 0) * o.amount + BigInt(received) * o.amount
          return {
            name: `balanceOf(${h})`,
            ok: after[i] === expected,
            expected: String(expected),
            actual: String(after[i]),
          }
        })
        const completed = holders.filter((h) => sent.get(h.toLowerCase()) === journeys).length
        checks.push({
          name: 'journeys completed',
          ok: completed === users.length,
          expected: `${users.length} users × ${journeys}`,
          actual: `${completed} users completed every journey`,
        })
        return checks
      },
    }
  },
}
