import { type Address, type Hex, isAddress } from 'viem'
import {
  hashLabel,
  isHashLabel,
  linkLibrariesHint,
  placeholderOf,
  placeholderPattern,
} from '../abi/library-placeholder'
import type { ContractInterface } from '../abi/load-abi'
import { listOf } from '../abi/messages'
import { ConfigError, type FieldIssue } from '../errors/base'

const shortName = (name: string) => name.slice(name.lastIndexOf(':') + 1)

/**
 * The creation code of `iface` with each library's address written in. `addresses` is keyed by
 * the library's name (`MathLib`) or its fully qualified name (`src/Math.sol:MathLib`). Addresses
 * go where the link references say (byte offsets), or, when the artifact has none (solc
 * combined-json, Truffle), over the placeholders themselves (docs/scenarios.md, "Libraries").
 * A library left out, or a key no library answers to, is a ConfigError at `field`.
 */
export function linkLibraries(iface: ContractInterface, addresses: Record<string, Address>, field: string): Hex {
  const code = iface.unlinkedBytecode ?? iface.bytecode
  if (!code)
    throw new ConfigError([
      {
        field,
        message:
          'has nothing to link: the contract has no bytecode (an interface, an abstract contract or a plain ABI)',
      },
    ])
  const needed = iface.unlinkedLibraries ?? []
  const { found, issues } = match(needed, addresses, field)
  if (issues.length)
    throw new ConfigError(issues, { hint: linkLibrariesHint(needed.find((n) => !found.has(n)) ?? needed[0] ?? 'Lib') })
  if (!needed.length) return code

  let linked = code.slice(2)
  if (iface.linkReferences)
    for (const [file, libs] of Object.entries(iface.linkReferences))
      for (const [lib, refs] of Object.entries(libs))
        for (const { start } of refs)
          linked = writeAt(linked, start, found.get(`${file}:${lib}`), `${file}:${lib}`, field)
  // Placeholders no link reference covered (and all of them without link references).
  for (const [name, address] of found) {
    const labels = isHashLabel(name) ? [name] : [hashLabel(name), name]
    for (const label of labels) linked = linked.replaceAll(placeholderOf(label), bare(address))
  }
  const left = linked.match(placeholderPattern)
  if (left)
    throw new ConfigError([
      { field, message: `the linked bytecode still has library placeholders (${listOf([...new Set(left)])})` },
    ])
  return `0x${linked}`
}

/** Which address each needed library gets, and every problem with the keys given. */
function match(needed: readonly string[], addresses: Record<string, Address>, field: string) {
  const found = new Map<string, Address>()
  const used = new Set<string>()
  const issues: FieldIssue[] = []
  for (const [key, address] of Object.entries(addresses))
    if (typeof address !== 'string' || !isAddress(address, { strict: false }))
      issues.push({ field: `${field}.${key}`, message: 'must be a 20-byte 0x address' })
  const missing: string[] = []
  for (const name of needed) {
    // A short key names a library only when no other needed library shares that name.
    const unique = needed.filter((n) => shortName(n) === shortName(name)).length === 1
    const key =
      [name, ...(unique ? [shortName(name)] : [])].find((k) => Object.hasOwn(addresses, k)) ??
      // A placeholder whose name solc did not tell: the fully qualified key that hashes to it.
      (isHashLabel(name) ? Object.keys(addresses).find((k) => hashLabel(k) === name) : undefined)
    if (key === undefined)
      missing.push(
        isHashLabel(name) ? `placeholder ${placeholderOf(name)} (unnamed: key it by its fully qualified name)` : name,
      )
    else {
      used.add(key)
      if (typeof addresses[key] === 'string') found.set(name, addresses[key] as Address)
    }
  }
  if (missing.length)
    issues.push({
      field,
      message: `has no address for ${missing.length === 1 ? 'library' : 'libraries'} ${listOf(missing)}`,
    })
  for (const key of Object.keys(addresses))
    if (!used.has(key))
      issues.push({
        field: `${field}.${key}`,
        message: needed.length
          ? `is not a library this contract links; it links: ${listOf(needed)}`
          : 'is not needed: this contract links no libraries',
      })
  return { found, issues }
}

/** Writes a library address over the 20-byte placeholder at byte `start`, checking one is there. */
function writeAt(code: string, start: number, address: Address | undefined, name: string, field: string): string {
  const at = start * 2
  if (!/^__.{36}__$/.test(code.slice(at, at + 40)))
    throw new ConfigError([
      {
        field,
        message: `cannot link ${name}: its link reference at byte ${start} does not point at a library placeholder (the artifact's bytecode and linkReferences disagree)`,
      },
    ])
  // match() found every needed library, so `address` is there; the guard keeps the types honest.
  return address ? code.slice(0, at) + bare(address) + code.slice(at + 40) : code
}

const bare = (address: Address) => address.slice(2).toLowerCase()
