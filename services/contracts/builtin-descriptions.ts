import { type ContractDescription, describeInterface } from '../abi/describe'
import { type BuiltinContract, builtinConstructorArgs, builtinContracts, loadBuiltinArtifact } from './artifacts'

export type BuiltinDescription = {
  name: BuiltinContract
  summary: string
  contract: ContractDescription
  /** What the constructor gets when the config gives no arguments (decimal text); null: they must be given. */
  constructorDefaults: string[] | null
}

const summaries: Record<BuiltinContract, string> = {
  Counter: 'A shared count: increment(), incrementBy(amount), setNumber(n).',
  GasBurner: 'Burns a chosen amount of gas, or reverts on demand (reason, custom error, 1 in N).',
  StressToken: 'An ERC20 with mint and batchTransfer; the deployer gets 1,000,000 tokens.',
  ConstantProductPool:
    'A constant-product AMM of two tokens (constructor: tokenA, tokenB) and its LP token: swap, addLiquidity, removeLiquidity.',
  VaultAsset: "OpenZeppelin's ERC20 (from @openzeppelin/contracts); the deployer gets the whole supply.",
  ShareVault: "OpenZeppelin's ERC4626 vault over one asset (constructor: asset): deposit, withdraw, redeem.",
}

/** The contracts shipped in contracts/, as a form lists them (no bytecode: they are deployed server-side). */
export function describeBuiltins(): BuiltinDescription[] {
  return builtinContracts.map((name) => {
    const { abi, contractName } = loadBuiltinArtifact(name)
    return {
      name,
      summary: summaries[name],
      contract: describeInterface({ abi, name: contractName, format: 'builtin' }),
      constructorDefaults: builtinConstructorArgs[name]?.map(String) ?? null,
    }
  })
}
