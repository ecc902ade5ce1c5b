import type { Hex } from 'viem'
import { isObject } from './json'
import { hashLabel, isHashLabel, labelOf, placeholderOf, placeholderPattern } from './library-placeholder'
import { fail } from './messages'

/** Where one library's address goes: a byte offset into the bytecode and 20 bytes. */
export type LinkReference = { start: number; length: number }
/** solc's `evm.bytecode.linkReferences` (Foundry, Hardhat too): `{ file: { Lib: [{ start, length }] } }`. */
export type LinkReferences = Record<string, Record<string, LinkReference[]>>

export type ReadBytecode = {
  /** 0x-prefixed; still holds the library placeholders when `libraries` is not empty. */
  hex?: Hex
  /** Libraries to link first: `file:Lib` where known, else the placeholder's own label. */
  libraries: string[]
  linkReferences?: LinkReferences
}

const linksShape = 'has linkReferences that are not {file: {Library: [{start, length}]}}'

/**
 * Creation code as an artifact holds it (`0x` or not; "" means none, an interface) and, when it
 * has placeholders, the libraries they stand for: named by the link references, or by matching
 * the placeholder hash against `knownNames` (the other contracts of the same solc output).
 */
export function readBytecode(
  code: unknown,
  links: unknown,
  field: string,
  knownNames: readonly string[] = [],
): ReadBytecode {
  if (code === undefined || code === null) return { libraries: [] }
  if (typeof code !== 'string') return fail(field, 'has a bytecode that is not a hex string')
  const body = code.startsWith('0x') ? code.slice(2) : code
  const placeholders = [...new Set(body.match(placeholderPattern) ?? [])]
  const hexOnly = body.replace(placeholderPattern, '')
  if (!/^[0-9a-fA-F]*$/.test(hexOnly) || body.length % 2) fail(field, 'has a bytecode that is not valid hex')
  if (!body) return { libraries: [] }
  const hex: Hex = `0x${body}`
  if (!placeholders.length) return { hex, libraries: [] }
  const linkReferences = readLinkReferences(links, field)
  const named = linkReferences
    ? Object.entries(linkReferences).flatMap(([file, libs]) => Object.keys(libs).map((lib) => `${file}:${lib}`))
    : []
  // Placeholders no link reference explains (or all of them, when there are none) keep their label.
  const covered = new Set(named.flatMap((n) => [placeholderOf(hashLabel(n)), placeholderOf(n)]))
  const others = placeholders.filter((p) => !covered.has(p)).map((p) => nameOf(labelOf(p), knownNames))
  return { hex, libraries: [...new Set([...named, ...others])], ...(linkReferences ? { linkReferences } : {}) }
}

function nameOf(label: string, knownNames: readonly string[]): string {
  if (!isHashLabel(label)) return label
  return knownNames.find((n) => hashLabel(n) === label) ?? label
}

/** The link references, checked; absent or `{}` → undefined (Hardhat writes `{}` for none). */
function readLinkReferences(links: unknown, field: string): LinkReferences | undefined {
  if (links === undefined || links === null) return undefined
  if (!isObject(links)) return fail(field, linksShape)
  const out: LinkReferences = {}
  for (const [file, libs] of Object.entries(links)) {
    if (!isObject(libs)) return fail(field, linksShape)
    out[file] = {}
    for (const [lib, refs] of Object.entries(libs)) {
      if (!Array.isArray(refs) || !refs.every(isReference)) return fail(field, linksShape)
      out[file][lib] = refs.map(({ start, length }) => ({ start, length }))
    }
  }
  return Object.keys(out).length ? out : undefined
}

function isReference(r: unknown): r is LinkReference {
  return isObject(r) && Number.isSafeInteger(r.start) && (r.start as number) >= 0 && r.length === 20
}
