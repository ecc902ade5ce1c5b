import { type Abi, type AbiFunction, type AbiParameter, type Hex, toFunctionSelector, toFunctionSignature } from 'viem'
import { z } from 'zod'
import { issuesOf } from '../config/parse'
import { ConfigError } from '../errors/base'
import { isObject } from './json'
import { type ContractFormat, type ContractInterface, loadContractInterface } from './load-abi'
import { parseJson } from './parse-json'
import { solcContractNames } from './solc-output'

/** One function as a form shows it: a picker entry and one input per parameter. */
export type FunctionSummary = {
  name: string
  /** Canonical signature, the value of `scenario.function`. */
  signature: string
  selector: Hex
  stateMutability: AbiFunction['stateMutability']
  /** `view`/`pure`: nothing to send. */
  readOnly: boolean
  inputs: readonly AbiParameter[]
}

/** What a pasted ABI or artifact holds, JSON-safe: enough to pick a function and type its arguments. */
export type ContractDescription = {
  format: ContractFormat | 'builtin'
  contractName: string | null
  abi: Abi
  /** Creation bytecode; null for plain ABIs, interfaces and unlinked artifacts. */
  bytecode: Hex | null
  unlinkedLibraries: string[]
  functions: FunctionSummary[]
  constructorInputs: readonly AbiParameter[]
}

/** A solc output with several contracts asks which one first; otherwise the contract. */
export type DescribeResult =
  | { kind: 'contract'; contract: ContractDescription }
  | { kind: 'choose'; contracts: string[] }

export function describeInterface(
  iface: Pick<ContractInterface, 'abi' | 'bytecode' | 'name' | 'unlinkedLibraries'> & {
    format: ContractDescription['format']
  },
): ContractDescription {
  const seen = new Set<string>()
  const functions: FunctionSummary[] = []
  for (const item of iface.abi) {
    if (item.type !== 'function') continue
    const signature = toFunctionSignature(item)
    // Merged ABIs (a contract plus its interfaces) repeat functions.
    if (seen.has(signature)) continue
    seen.add(signature)
    functions.push({
      name: item.name,
      signature,
      selector: toFunctionSelector(signature),
      stateMutability: item.stateMutability,
      readOnly: item.stateMutability === 'view' || item.stateMutability === 'pure',
      inputs: item.inputs,
    })
  }
  const ctor = iface.abi.find((item) => item.type === 'constructor')
  return {
    format: iface.format,
    contractName: iface.name ?? null,
    abi: iface.abi,
    bytecode: iface.bytecode ?? null,
    unlinkedLibraries: iface.unlinkedLibraries ?? [],
    functions,
    constructorInputs: ctor?.inputs ?? [],
  }
}

const requestSchema = z.strictObject({
  /** The pasted or uploaded text, or the JSON itself: a plain ABI, a Foundry/Hardhat artifact, solc output. */
  source: z.union([z.string().max(8_000_000), z.array(z.unknown()), z.record(z.string(), z.unknown())], {
    error: (issue) =>
      issue.input === undefined ? 'is required' : 'must be the ABI or artifact, as JSON text or as JSON',
  }),
  /** Picks one contract of a solc output: `Name` or `path/File.sol:Name`. */
  contractName: z.string().trim().min(1).max(300).optional(),
})

/**
 * `{ source, contractName? }` (the body of POST /api/abi) → what it holds. Every mistake is a
 * ConfigError naming `source` or `contractName`.
 */
export function describeContract(body: unknown): DescribeResult {
  const parsed = requestSchema.safeParse(body)
  if (!parsed.success) throw new ConfigError(issuesOf(parsed.error))
  const { source, contractName } = parsed.data
  const value = typeof source === 'string' && source.trim() ? parseJson(source, 'source') : source
  if (contractName === undefined && isObject(value) && !Array.isArray(value.abi)) {
    // solc output, bare or inside a Hardhat/Foundry build-info file.
    const solc = isObject(value.output) ? value.output : value
    const contracts = solcContractNames(solc)
    if (contracts.length > 1) return { kind: 'choose', contracts }
  }
  const iface = loadContractInterface(value, { field: 'source', contractName })
  return { kind: 'contract', contract: describeInterface(iface) }
}
