import type { Abi, Hex } from 'viem'
// Static JSON imports, not fs reads: tsx, vitest, tsc and Next.js (Turbopack) all bundle or resolve
// them the same way, so no path has to survive bundling. Rebuild with `npm run contracts:compile`.
import poolJson from '../../contracts/out/ConstantProductPool.json' with { type: 'json' }
import counterJson from '../../contracts/out/Counter.json' with { type: 'json' }
import gasBurnerJson from '../../contracts/out/GasBurner.json' with { type: 'json' }
import shareVaultJson from '../../contracts/out/ShareVault.json' with { type: 'json' }
import stressTokenJson from '../../contracts/out/StressToken.json' with { type: 'json' }
import vaultAssetJson from '../../contracts/out/VaultAsset.json' with { type: 'json' }
import { ConfigError } from '../errors/base'
import { type BuiltinContract, builtinContracts } from './builtin-names'

/** What deploying and calling a contract needs; plain ABI JSON plus creation bytecode. */
export type Artifact = { contractName: string; abi: Abi; bytecode: Hex }

export { type BuiltinContract, builtinContracts }

// JSON imports are typed with `type: string`; the files are solc's own ABI output, so the cast holds.
const artifacts: Record<BuiltinContract, Artifact> = {
  StressToken: stressTokenJson as Artifact,
  GasBurner: gasBurnerJson as Artifact,
  Counter: counterJson as Artifact,
  ConstantProductPool: poolJson as Artifact,
  VaultAsset: vaultAssetJson as Artifact,
  ShareVault: shareVaultJson as Artifact,
}

/** The compiled artifact of one of the contracts shipped in `contracts/`. */
export function loadBuiltinArtifact(name: BuiltinContract): Artifact {
  const artifact = artifacts[name]
  // Callers from config or the CLI may pass an unchecked string.
  if (!artifact)
    throw new ConfigError([
      { field: 'contract', message: `no built-in contract ${name} (${builtinContracts.join(', ')})` },
    ])
  return artifact
}

/**
 * Constructor arguments `deployBuiltin` uses when none are given. StressToken's and VaultAsset's
 * initial supply goes to the deployer: 1,000,000 tokens of 18 decimals. The pool and the vault
 * name other contracts, so they have no default: a workload gives their arguments.
 */
export const builtinConstructorArgs: Partial<Record<BuiltinContract, readonly unknown[]>> = {
  StressToken: [1_000_000n * 10n ** 18n],
  GasBurner: [],
  Counter: [],
  VaultAsset: [1_000_000n * 10n ** 18n],
}
