import type { Address, Hex } from 'viem'
import type { ArgContext, ChainRefs } from '../../abi/generators'
import { requireBytecode } from '../../abi/load-abi'
import { resolveRefs } from '../../abi/templates'
import type { Sender } from '../../accounts/sender'
import { deployContract } from '../../contracts/deploy'
import { DeployError } from '../../contracts/deploy-error'
import { linkLibraries } from '../../contracts/link-libraries'
import { ConfigError } from '../../errors/base'
import type { ScenarioContext, SetupSummary } from '../types'
import type { CompiledContract } from './compile'

/**
 * Deploys the workload's contracts in order (each after those it references) from the deployer,
 * links libraries, and returns every contract's address. A constructor that reverts stops the run
 * here, naming the contract, with its decoded reason.
 */
export async function deployAll(
  ctx: ScenarioContext,
  contracts: readonly CompiledContract[],
  deployer: Sender,
  chainOf: (addresses: Record<string, Address>) => ChainRefs,
): Promise<{ addresses: Record<string, Address>; deploys: SetupSummary['deploys'] }> {
  const addresses: Record<string, Address> = {}
  const deploys: SetupSummary['deploys'] = []
  const accounts = ctx.senders.map((s) => s.address)
  for (const c of contracts) {
    if (c.address) {
      addresses[c.name] = c.address
      continue
    }
    const d = c.deploy!
    const field = `scenario.contracts.${c.name}`
    const refs = { contracts: addresses, deployer: deployer.address, sender: deployer.address, accounts }
    const bytecode: Hex = d.iface.unlinkedLibraries?.length
      ? linkLibraries(
          d.iface,
          libraryAddresses(resolveRefs(d.libraries, refs), `${field}.libraries`),
          `${field}.libraries`,
        )
      : requireBytecode(d.iface, `${field}.artifact`)
    const argCtx: ArgContext = { i: 0, from: deployer.address, accounts, chain: chainOf(addresses) }
    try {
      const done = await deployContract({
        conn: ctx.conn,
        chainId: ctx.node.chainId,
        from: deployer,
        artifact: { contractName: c.name, abi: c.abi, bytecode },
        args: d.ctor?.sample(argCtx) ?? [],
        fees: ctx.fees,
        mine: ctx.mine,
        timeoutMs: ctx.config.inclusionTimeoutMs,
      })
      addresses[c.name] = done.address
      deploys.push({ contract: c.name, address: done.address, hash: done.hash, gasUsed: Number(done.gasUsed) })
    } catch (error) {
      if (!(error instanceof DeployError)) throw error
      throw new ConfigError([{ field, message: error.shortMessage }], {
        hint: error.hint ?? 'Check its constructor arguments and the contracts they name.',
        cause: error,
      })
    }
  }
  return { addresses, deploys }
}

/** Library addresses as given (or resolved from `{{Name}}`): each must be an address. */
function libraryAddresses(given: unknown, field: string): Record<string, Address> {
  const out: Record<string, Address> = {}
  for (const [lib, value] of Object.entries(given as Record<string, string>)) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(value))
      throw new ConfigError([
        { field: `${field}.${lib}`, message: `must be a 0x address or {{Contract}}, got ${JSON.stringify(value)}` },
      ])
    out[lib] = value as Address
  }
  return out
}
