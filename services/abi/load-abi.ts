import type { Abi, Hex } from 'viem'
import { type LinkReferences, readBytecode } from './bytecode'
import { checkAbi } from './check-abi'
import { isObject, type Json } from './json'
import { linkLibrariesHint } from './library-placeholder'
import { describe, fail, listOf } from './messages'
import { parseJson } from './parse-json'
import { combinedAsStandard, isCombinedJson } from './solc-combined'
import { pickSolcContract, solcQualifiedNames } from './solc-output'

export type ContractFormat = 'abi' | 'foundry' | 'hardhat' | 'solc-standard-json' | 'solc-combined-json'

export type ContractInterface = {
  abi: Abi
  /** Creation bytecode, ready to deploy; absent for interfaces, abstract contracts, plain ABIs and unlinked code. */
  bytecode?: Hex
  name?: string
  format: ContractFormat
  /** Libraries the bytecode still needs linked: `file:Lib` where known, else the placeholder's `$…$` label. */
  unlinkedLibraries?: string[]
  /** The creation code with its `__$…$__` placeholders still in, for linkLibraries. */
  unlinkedBytecode?: Hex
  /** Where each library's address goes (solc, Foundry, Hardhat); combined-json has only the placeholders. */
  linkReferences?: LinkReferences
}

export type LoadContractInterfaceOptions = {
  /** Picks one contract of a solc standard-JSON or combined-json output: `Name` or `path/File.sol:Name`. */
  contractName?: string
  /** Field named in errors; default `abi`. */
  field?: string
}

const hardhatFormats = ['hh-sol-artifact-1', 'hh3-artifact-1']
const notAnAbi = 'is not an ABI, a Foundry/Hardhat artifact or solc output'

/**
 * What a user pasted or uploaded (JSON text or a parsed value) → a checked ABI plus bytecode.
 * Accepts a plain ABI array, a Foundry `out/X.sol/X.json`, a Hardhat artifact (and the same
 * `{ abi, bytecode: '0x…' }` shape from Truffle and friends), solc standard-JSON output (bare, or
 * inside a Hardhat/Foundry build-info file) and `solc --combined-json` output. Bytecode that
 * needs libraries comes back as `unlinkedBytecode` (services/contracts/link-libraries.ts links it).
 */
export function loadContractInterface(input: unknown, options: LoadContractInterfaceOptions = {}): ContractInterface {
  const field = options.field ?? 'abi'
  const value = typeof input === 'string' ? parseText(input, field) : input
  if (Array.isArray(value)) return { abi: checkAbi(value, field), format: 'abi' }
  if (!isObject(value)) return fail(field, notAnAbi)
  if (!Array.isArray(value.abi)) {
    if (isCombinedJson(value))
      return solcContract(combinedAsStandard(value, field), 'solc-combined-json', options.contractName, field)
    // Hardhat and Foundry build-info files wrap the solc output in `output`.
    const solc = isObject(value.output) ? value.output : value
    if (!isObject(solc.contracts) && !Array.isArray(solc.errors)) return fail(field, notAnAbi)
    return solcContract(solc, 'solc-standard-json', options.contractName, field)
  }
  const name = stringOr(value.contractName)
  if (typeof value._format === 'string' && hardhatFormats.includes(value._format))
    return artifact(value.abi, value.bytecode, name, 'hardhat', field, value.linkReferences)
  if (isObject(value.bytecode)) return artifact(value.abi, value.bytecode, foundryName(value), 'foundry', field)
  if (typeof value.bytecode === 'string')
    return artifact(value.abi, value.bytecode, name, 'hardhat', field, value.linkReferences)
  return { abi: checkAbi(value.abi, field), ...named(name), format: 'abi' }
}

/** For deployments: the bytecode, or an error that says why there is none. */
export function requireBytecode(iface: ContractInterface, field = 'abi'): Hex {
  if (iface.bytecode) return iface.bytecode
  if (iface.unlinkedLibraries?.length)
    fail(
      field,
      `has no bytecode to deploy: it needs libraries linked first (${listOf(iface.unlinkedLibraries)})`,
      linkLibrariesHint(iface.unlinkedLibraries[0] ?? 'Lib'),
    )
  return fail(field, 'has no bytecode to deploy', bytecodeHint(iface.format))
}

function bytecodeHint(format: ContractFormat): string {
  if (format === 'abi') return 'A plain ABI has no bytecode: paste the whole Foundry/Hardhat artifact instead.'
  return 'Interfaces and abstract contracts have none: pick the concrete contract, or call one already deployed.'
}

function parseText(text: string, field: string): unknown {
  const trimmed = text.trim()
  if (!trimmed) return fail(field, 'is empty; paste an ABI or a Foundry/Hardhat artifact')
  // Quotes, brackets and line breaks are JSON's; a path has none of them.
  if (!/["\n[{]/.test(trimmed) && (/\.json$/i.test(trimmed) || trimmed.includes('/')))
    fail(
      field,
      `looks like a file path (${describe(trimmed)}): the CLI reads paths relative to the config file; in the web form or the API, upload or paste the artifact's JSON`,
    )
  return parseJson(text, field)
}

/** One contract of solc output (standard JSON, or combined-json in its shape). */
function solcContract(
  solc: Json,
  format: ContractFormat,
  contractName: string | undefined,
  field: string,
): ContractInterface {
  const picked = pickSolcContract(solc, contractName, field)
  const evm = isObject(picked.entry.evm) ? picked.entry.evm : {}
  // The other contracts of the same output name the libraries when the placeholders alone do not.
  return artifact(picked.entry.abi, evm.bytecode, picked.name, format, field, undefined, solcQualifiedNames(solc))
}

function artifact(
  abi: unknown,
  bytecode: unknown,
  name: string | undefined,
  format: ContractFormat,
  field: string,
  linkReferences?: unknown,
  knownNames: readonly string[] = [],
): ContractInterface {
  if (!Array.isArray(abi)) return fail(field, `is a ${format} artifact without an "abi" array`)
  // Foundry and solc nest { object, linkReferences }; Hardhat has a string and links beside it.
  const code = readBytecode(
    isObject(bytecode) ? bytecode.object : bytecode,
    isObject(bytecode) ? bytecode.linkReferences : linkReferences,
    field,
    knownNames,
  )
  const unlinked = code.libraries.length > 0
  return {
    abi: checkAbi(abi, field),
    ...(code.hex && !unlinked ? { bytecode: code.hex } : {}),
    ...named(name),
    format,
    ...(unlinked
      ? {
          unlinkedLibraries: code.libraries,
          unlinkedBytecode: code.hex,
          ...(code.linkReferences ? { linkReferences: code.linkReferences } : {}),
        }
      : {}),
  }
}

/** Foundry names the contract only in its metadata's compilation target. */
function foundryName(value: Json): string | undefined {
  let metadata = value.metadata
  if (typeof metadata === 'string') {
    try {
      metadata = JSON.parse(metadata)
    } catch {
      return undefined
    }
  }
  const settings = isObject(metadata) ? metadata.settings : undefined
  const target = isObject(settings) ? settings.compilationTarget : undefined
  return isObject(target) ? stringOr(Object.values(target)[0]) : undefined
}

const stringOr = (v: unknown) => (typeof v === 'string' && v ? v : undefined)
const named = (name: string | undefined) => (name ? { name } : {})
