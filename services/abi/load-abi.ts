import type { Abi, Hex } from 'viem'
import { checkAbi } from './check-abi'
import { isObject, type Json } from './json'
import { fail, listOf } from './messages'
import { parseJson } from './parse-json'
import { pickSolcContract } from './solc-output'

export type ContractFormat = 'abi' | 'foundry' | 'hardhat' | 'solc-standard-json'

export type ContractInterface = {
  abi: Abi
  /** Creation bytecode; absent for interfaces, abstract contracts and plain ABIs. */
  bytecode?: Hex
  name?: string
  format: ContractFormat
  /** Libraries the bytecode still needs linked (it has `__$…$__` placeholders, so no `bytecode`). */
  unlinkedLibraries?: string[]
}

export type LoadContractInterfaceOptions = {
  /** Picks one contract of a solc standard-JSON output: `Name` or `path/File.sol:Name`. */
  contractName?: string
  /** Field named in errors; default `abi`. */
  field?: string
}

const hardhatFormats = ['hh-sol-artifact-1', 'hh3-artifact-1']
const notAnAbi = 'is not an ABI, a Foundry/Hardhat artifact or solc output'

/**
 * What a user pasted or uploaded (JSON text or a parsed value) → a checked ABI plus bytecode.
 * Accepts a plain ABI array, a Foundry `out/X.sol/X.json`, a Hardhat artifact (and the same
 * `{ abi, bytecode: '0x…' }` shape from Truffle and friends) and solc standard-JSON output
 * (bare, or inside a Hardhat/Foundry build-info file).
 */
export function loadContractInterface(input: unknown, options: LoadContractInterfaceOptions = {}): ContractInterface {
  const field = options.field ?? 'abi'
  const value = typeof input === 'string' ? parseText(input, field) : input
  if (Array.isArray(value)) return { abi: checkAbi(value, field), format: 'abi' }
  if (!isObject(value)) return fail(field, notAnAbi)
  if (!Array.isArray(value.abi)) {
    // Hardhat and Foundry build-info files wrap the solc output in `output`.
    const solc = isObject(value.output) ? value.output : value
    if (!isObject(solc.contracts) && !Array.isArray(solc.errors)) return fail(field, notAnAbi)
    const picked = pickSolcContract(solc, options.contractName, field)
    const evm = isObject(picked.entry.evm) ? picked.entry.evm : {}
    return artifact(picked.entry.abi, evm.bytecode, picked.name, 'solc-standard-json', field)
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
    fail(field, `has no bytecode to deploy: it needs libraries linked first (${listOf(iface.unlinkedLibraries)})`)
  return fail(field, 'has no bytecode to deploy', bytecodeHint(iface.format))
}

function bytecodeHint(format: ContractFormat): string {
  if (format === 'abi') return 'A plain ABI has no bytecode: paste the whole Foundry/Hardhat artifact instead.'
  return 'Interfaces and abstract contracts have none: pick the concrete contract, or call one already deployed.'
}

function parseText(text: string, field: string): unknown {
  if (!text.trim()) return fail(field, 'is empty; paste an ABI or a Foundry/Hardhat artifact')
  return parseJson(text, field)
}

function artifact(
  abi: unknown,
  bytecode: unknown,
  name: string | undefined,
  format: ContractFormat,
  field: string,
  linkReferences?: unknown,
): ContractInterface {
  if (!Array.isArray(abi)) return fail(field, `is a ${format} artifact without an "abi" array`)
  // Foundry and solc nest { object, linkReferences }; Hardhat has a string and links beside it.
  const code = toBytecode(isObject(bytecode) ? bytecode.object : bytecode, field)
  const links = libraries(isObject(bytecode) ? bytecode.linkReferences : linkReferences)
  const unlinked = code.placeholders.length ? (links.length ? links : code.placeholders) : []
  return {
    abi: checkAbi(abi, field),
    ...(code.hex && !unlinked.length ? { bytecode: code.hex } : {}),
    ...named(name),
    format,
    ...(unlinked.length ? { unlinkedLibraries: unlinked } : {}),
  }
}

/** Creation code, `0x`-prefixed (solc omits it); `0x` or "" means none (an interface). */
function toBytecode(code: unknown, field: string): { hex?: Hex; placeholders: string[] } {
  if (code === undefined || code === null) return { placeholders: [] }
  if (typeof code !== 'string') return fail(field, 'has a bytecode that is not a hex string')
  const body = code.startsWith('0x') ? code.slice(2) : code
  // Unlinked library references are 40-character placeholders: `__$<hash>$__` or `__File.sol:Lib___…`.
  const placeholders = [...new Set(body.match(/__.{36}__/g) ?? [])].map((p) => p.replace(/^_+|_+$/g, ''))
  const hexOnly = body.replace(/__.{36}__/g, '')
  if (!/^[0-9a-fA-F]*$/.test(hexOnly) || body.length % 2) fail(field, 'has a bytecode that is not valid hex')
  return body ? { hex: `0x${body}`, placeholders } : { placeholders }
}

function libraries(links: unknown): string[] {
  if (!isObject(links)) return []
  return Object.entries(links).flatMap(([file, libs]) =>
    isObject(libs) ? Object.keys(libs).map((lib) => `${file}:${lib}`) : [],
  )
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
