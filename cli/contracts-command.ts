import { type FoundryContract, listFoundryContracts } from '../services/contracts/foundry-out'
import { ConfigError } from '../services/errors/base'

/** `evm-stress contracts --foundry-out DIR`: what a config can name with `artifact: Name`. */
export function contractsCommand(dir: string): string {
  const contracts = listFoundryContracts(dir)
  if (!contracts.length)
    throw new ConfigError([{ field: 'foundryOut', message: `${dir} holds no contract artifacts` }], {
      hint: "Run `forge build` first, and point --foundry-out at Foundry's out/ directory.",
    })
  return formatContractList(contracts)
}

/** A table: name, source file, and whether it deploys as it is, after linking, or not at all. */
export function formatContractList(contracts: readonly FoundryContract[]): string {
  const rows: [string, string, string][] = [
    ['name', 'source file', 'deployable'],
    ...contracts.map((c): [string, string, string] => [c.name, c.file, deployability(c)]),
  ]
  const w0 = Math.max(...rows.map((r) => r[0].length))
  const w1 = Math.max(...rows.map((r) => r[1].length))
  return rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd()).join('\n')
}

function deployability(c: FoundryContract): string {
  if (c.problem) return `no (${c.problem})`
  if (!c.deployable) return 'no (no bytecode: an interface or abstract contract)'
  if (c.libraries.length) return `needs libraries ${c.libraries.join(', ')}`
  return 'yes'
}
