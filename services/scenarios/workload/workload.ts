import { type Abi, type Address, encodeFunctionData, type Hex, hexToBigInt } from 'viem'
import type { ChainRefs } from '../../abi/generators'
import { ConfigError } from '../../errors/base'
import type { PlannedTx } from '../../testing/tx'
import { chainClock, estimateGas, readCall, revertDecoder } from '../shared'
import { evaluateStateChecks, readStateChecks } from '../state-checks'
import type { Findings, Scenario, ScenarioCheck, ScenarioContext } from '../types'
import { type CompiledCall, type CompiledWorkload, compileWorkload } from './compile'
import { deployAll } from './deploy-all'
import { runSetupSteps } from './setup-steps'

/** Gas a call is funded for when neither it nor the config says (the estimate is used to send). */
const defaultCallGas = 1_000_000n

/**
 * A protocol under load (docs/scenarios.md#workload): deploy the named contracts in reference
 * order, run the set-up steps, then send `txs` calls picked by weight from the mix. Set-up txs are
 * on the chain but not in the plan; each call row is its own label in every per-function number.
 */
export const workloadScenario: Scenario = {
  name: 'workload',
  shape(config) {
    const w = compileWorkload(config)
    const gases = w.calls.map((c) => c.gas ?? config.gasLimit ?? defaultCallGas)
    const bySender = w.steps.filter((s) => s.forEach && s.from === 'sender')
    return {
      planned: config.txs,
      gasPerTx: gases.reduce((a, g) => (g > a ? g : a), 0n),
      valuePerTx: w.calls.reduce((a, c) => (c.value > a ? c.value : a), 0n),
      setupPerSender: { txs: bySender.length, value: bySender.reduce((a, s) => a + s.value, 0n) },
    }
  },
  async setup(ctx) {
    const w = compileWorkload(ctx.config)
    const deployer = ctx.senders[0]
    if (!deployer) throw new Error('no sender to deploy from')
    const balances = new Map<string, Map<string, bigint>>()
    const now = await chainClock(ctx)
    const chainOf = (contracts: Record<string, Address>): ChainRefs => ({
      contracts,
      deployer: deployer.address,
      balanceOf: (c, holder) => balances.get(c)?.get(holder.toLowerCase()) ?? 0n,
      now,
    })
    const { addresses, deploys } = await deployAll(ctx, w.contracts, deployer, chainOf)
    const chain = chainOf(addresses)
    const errorsAbi = errorsOf(w)
    const steps = await runSetupSteps(ctx, w.steps, deployer, addresses, chain, errorsAbi)
    await readBalances(ctx, w, addresses, balances)
    const accounts = ctx.senders.map((s) => s.address)
    const encoders = w.calls.map((c) => (i: number, from: Address) => c.args.encode({ i, from, accounts, chain }))
    const gases = await Promise.all(
      w.calls.map((c, k) => c.gas ?? ctx.config.gasLimit ?? estimateCall(ctx, c, addresses, encoders[k]!)),
    )
    const checks = w.checks(addresses)
    const read = () =>
      Promise.all(
        checks.map(async (c) => {
          const [v] = await readStateChecks((to, data) => readCall(ctx, to, data), addresses[c.contract]!, [c.check])
          return v!
        }),
      )
    const before = checks.length ? await read() : []
    const { config } = ctx

    function* plan(): Generator<PlannedTx> {
      for (let idx = 0; idx < config.txs; idx++) {
        const k = w.mix.pick(idx)
        const c = w.calls[k]!
        const encode = encoders[k]!
        yield {
          idx,
          to: addresses[c.contract],
          value: c.value,
          gas: gases[k],
          label: c.label,
          encode: (from) => encode(idx, from),
        }
      }
    }
    return {
      contracts: addresses,
      plan: plan(),
      decodeRevert: revertDecoder(errorsAbi),
      setup: {
        deploys,
        steps,
        txs: deploys.length + steps.reduce((a, s) => a + s.txs, 0),
        gasUsed: deploys.reduce((a, d) => a + d.gasUsed, 0) + steps.reduce((a, s) => a + s.gasUsed, 0),
      },
      findings: () => mixFindings(w),
      ...(checks.length && {
        verify: async (mined): Promise<ScenarioCheck[]> => {
          const after = await read()
          const byLabel = new Map<string, number>()
          for (const m of mined) byLabel.set(m.label, (byLabel.get(m.label) ?? 0) + 1)
          return checks.flatMap((c, i) => {
            // increasedByMined counts the mined calls of the checked contract.
            const prefix = w.calls.filter((x) => x.contract === c.contract).map((x) => x.label)
            const n = prefix.reduce((sum, l) => sum + (byLabel.get(l) ?? 0), 0)
            return evaluateStateChecks([c.check], [before[i]!], [after[i]!], n)
          })
        },
      }),
    }
  },
}

/** Every custom error of every workload contract: a call may revert in a contract it calls. */
function errorsOf(w: CompiledWorkload): Abi {
  const seen = new Map<string, Abi[number]>()
  for (const c of w.contracts)
    for (const item of c.abi)
      if (item.type === 'error') seen.set(`${item.name}(${item.inputs.map((i) => i.type).join(',')})`, item)
  const called = w.calls.map((c) => c.found.fn)
  return [...called, ...seen.values()]
}

const balanceOfAbi = [
  {
    type: 'function',
    name: 'balanceOf',
    stateMutability: 'view',
    inputs: [{ name: 'holder', type: 'address' }],
    outputs: [{ name: '', type: 'uint256' }],
  },
] as const

/** Every sender's balance of each token a `balanceFraction` names, once, after the set-up. */
async function readBalances(
  ctx: ScenarioContext,
  w: CompiledWorkload,
  addresses: Readonly<Record<string, Address>>,
  into: Map<string, Map<string, bigint>>,
): Promise<void> {
  for (const token of w.balanceTokens) {
    const byHolder = new Map<string, bigint>()
    await Promise.all(
      ctx.senders.map(async (s) => {
        const data = encodeFunctionData({ abi: balanceOfAbi, functionName: 'balanceOf', args: [s.address] })
        byHolder.set(s.address.toLowerCase(), hexToBigInt(await readCall(ctx, addresses[token]!, data)))
      }),
    )
    into.set(token, byHolder)
  }
}

/**
 * Gas for one call row from the node's estimate of its first generated calls (from different
 * senders); samples that revert on purpose are skipped. All reverting is bad input, named.
 */
async function estimateCall(
  ctx: ScenarioContext,
  c: CompiledCall,
  addresses: Readonly<Record<string, Address>>,
  encode: (i: number, from: Address) => Hex,
): Promise<bigint> {
  let last: unknown
  for (let i = 0; i < 8; i++) {
    const from = ctx.senders[i % ctx.senders.length]!.address
    try {
      return await estimateGas(ctx, { from, to: addresses[c.contract]!, data: encode(i, from), value: c.value })
    } catch (error) {
      last = error
    }
  }
  const said = last instanceof Error ? last.message.split('\n')[0] : String(last)
  throw new ConfigError([{ field: `${c.field}.args`, message: `every sampled ${c.label} call reverts: ${said}` }], {
    hint: 'Check its arguments and the set-up (balances, approvals), or give the call a gas limit to send it anyway.',
  })
}

/** Each call's planned share, so a report says what the mix was meant to be. */
function mixFindings(w: CompiledWorkload): Findings {
  return {
    calls: w.calls.length,
    plannedSharePct: Object.fromEntries(w.calls.map((c, i) => [c.label, Math.round(w.mix.shares[i]! * 1000) / 10])),
  }
}
