/**
 * The contracts shipped in contracts/ (compiled to contracts/out). Names only, so schemas and the
 * browser can list them without bundling the artifacts.
 */
export const builtinContracts = [
  'StressToken',
  'GasBurner',
  'Counter',
  'ConstantProductPool',
  'VaultAsset',
  'ShareVault',
] as const
export type BuiltinContract = (typeof builtinContracts)[number]
