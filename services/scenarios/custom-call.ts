import type { Abi, Address, Hex } from 'viem'
import { findFunction } from '../abi/find-function'
import { type ChainRefs, compileArgGenerators } from '../abi/generators'
import { loadContractInterface, requireBytecode } from '../abi/load-abi'
import type { ScenarioConfig } from '../config/scenario-schema'
import type { TestConfig } from '../config/schema'
import { type Artifact, builtinConstructorArgs, loadBuiltinArtifact } from '../contracts/artifacts'
import { deployContract } from '../contracts/deploy'
import { linkLibraries } from '../contracts/link-libraries'
import { ConfigError } from '../errors/base'
import type { PlannedTx } from '../testing/tx'
import { chainClock, estimateGas, readCall, revertDecoder } from './shared'
import { compileStateChecks, evaluateStateChecks, readStateChecks } from './state-checks'
import type { Scenario, ScenarioContext } from './types'

type Options = Extract<ScenarioConfig, { name: 'custom-call' }>
const field = (f: string) => `scenario.${f}`

/**
 * The checked call: contract interface, function, per-tx calldata. Everything here fails before any
 * tx, without the node (exported for previews and saved tests).
 */
export function compileCustomCall(config: TestConfig) {
  const o = config.scenario as Options
  const target = o.target
  let abi: Abi
  let deploy: { artifact: Artifact; args: readonly unknown[] } | undefined
  if ('address' in target) abi = loadContractInterface(target.abi, { field: field('target.abi') }).abi
  else if ('builtin' in target) {
    const artifact = loadBuiltinArtifact(target.builtin)
    abi = artifact.abi
    deploy = { artifact, args: target.constructorArgs ?? builtinConstructorArgs[target.builtin] ?? [] }
  } else {
    const iface = loadContractInterface(target.artifact, {
      field: field('target.artifact'),
      contractName: target.contractName,
    })
    // Code that needs libraries links them here; without `libraries` requireBytecode names them.
    const bytecode =
      target.libraries && (iface.bytecode || iface.unlinkedBytecode)
        ? linkLibraries(iface, target.libraries as Record<string, Address>, field('target.libraries'))
        : requireBytecode(iface, field('target.artifact'))
    abi = iface.abi
    deploy = { artifact: { contractName: iface.name ?? 'contract', abi, bytecode }, args: target.constructorArgs }
  }
  const found = findFunction(abi, o.function, { field: field('function') })
  if (found.readOnly)
    throw new ConfigError(
      [
        {
          field: field('function'),
          message: `${found.signature} is ${found.fn.stateMutability}: a read, nothing to send`,
        },
      ],
      {
        hint: 'Pick a function that changes state; reads can be checked after the run.',
      },
    )
  const args = compileArgGenerators(found.fn, o.args, {
    seed: o.seed,
    txs: config.txs,
    accounts: config.accounts,
    field: field('args'),
  })
  const checks = compileStateChecks(abi, o.checks)
  return { o, abi, deploy, found, args, checks }
}

/**
 * Any function of any contract: at an address with its ABI, or deployed for the run from an
 * artifact (Foundry, Hardhat, solc output) or a built-in contract. Each tx gets its arguments
 * from the generators, with the sender and the run's accounts at hand.
 */
export const customCallScenario: Scenario = {
  name: 'custom-call',
  shape(config) {
    const { o } = compileCustomCall(config)
    return { planned: config.txs, gasPerTx: config.gasLimit ?? o.gas ?? 1_000_000n, valuePerTx: o.value }
  },
  async setup(ctx: ScenarioContext) {
    const { o, abi, deploy, found, args, checks } = compileCustomCall(ctx.config)
    const { config, senders } = ctx
    let address: Address
    if (deploy) {
      const deployer = senders[0]
      if (!deployer) throw new Error('no sender to deploy from')
      ;({ address } = await deployContract({
        conn: ctx.conn,
        chainId: ctx.node.chainId,
        from: deployer,
        artifact: deploy.artifact,
        args: deploy.args,
        fees: ctx.fees,
        mine: ctx.mine,
        timeoutMs: config.inclusionTimeoutMs,
      }))
    } else address = (o.target as { address: Address }).address
    const accounts = senders.map((s) => s.address)
    // `now` deadlines read the chain's time; a custom call has no named contracts.
    const chain: ChainRefs = {
      contracts: {},
      deployer: senders[0]?.address ?? address,
      balanceOf: () => 0n,
      now: await chainClock(ctx),
    }
    const encode = (i: number, from: Address): Hex => args.encode({ i, from, accounts, chain })
    const gas = config.gasLimit ?? o.gas ?? (await estimateFirstThatPasses(ctx, address, o.value, encode))
    const label = found.signature

    function* plan(): Generator<PlannedTx> {
      for (let idx = 0; idx < config.txs; idx++)
        yield { idx, to: address, value: o.value, gas, label, encode: (from) => encode(idx, from) }
    }
    const read = () => readStateChecks((to, data) => readCall(ctx, to, data), address, checks)
    const before = checks.length ? await read() : []
    return {
      contracts: { target: address },
      plan: plan(),
      decodeRevert: revertDecoder(abi),
      ...(checks.length && {
        verify: async (mined) => {
          const after = await read()
          let n = 0
          for (const m of mined) if (m.label === label) n++
          return evaluateStateChecks(checks, before, after, n)
        },
      }),
    }
  },
}

/**
 * Gas from the node's estimate of the first generated calls; calls that revert on purpose (some
 * args do) are skipped. If every sample reverts, the error says why before anything is sent.
 */
async function estimateFirstThatPasses(
  ctx: ScenarioContext,
  to: Address,
  value: bigint,
  encode: (i: number, from: Address) => Hex,
): Promise<bigint> {
  const from = ctx.senders[0]?.address as Address
  let last: unknown
  for (let i = 0; i < Math.min(ctx.config.txs, 8); i++) {
    try {
      return await estimateGas(ctx, { from, to, data: encode(i, from), value })
    } catch (error) {
      last = error
    }
  }
  throw new ConfigError(
    [
      {
        field: field('args'),
        message: `every sampled call reverts: ${last instanceof Error ? last.message.split('\n')[0] : String(last)}`,
      },
    ],
    { hint: 'Check the function and its arguments, or set scenario.gas to send them anyway.' },
  )
}
