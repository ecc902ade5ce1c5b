import { keccak256, stringToHex } from 'viem'

/**
 * The 40-character markers solc leaves in bytecode where a library's address goes
 * (docs.soliditylang.org, "Library Linking"): `__$` + the first 34 hex digits of
 * keccak256(fully qualified name) + `$__` since 0.5, and `__File.sol:Lib___…` before.
 */
export const placeholderPattern = /__.{36}__/g

/** `$<34 hex>$`, the label between the underscores of a solc ≥ 0.5 placeholder. */
export function hashLabel(fullyQualifiedName: string): string {
  return `$${keccak256(stringToHex(fullyQualifiedName)).slice(2, 36)}$`
}

/** A label (hashed or a legacy name) as it appears in bytecode: truncated or padded to 36 with `_`. */
export function placeholderOf(label: string): string {
  return `__${label.slice(0, 36).padEnd(36, '_')}__`
}

/** The label inside a placeholder: `$…$` or the legacy (truncated) name, without its padding. */
export function labelOf(placeholder: string): string {
  return placeholder.slice(2, -2).replace(/_+$/, '')
}

export const isHashLabel = (label: string) => /^\$[0-9a-f]{34}\$$/.test(label)

/** What to do about an unlinked library; `example` is one of the missing ones, by its short name. */
export function linkLibrariesHint(example: string): string {
  const short = example.includes(':') ? example.slice(example.lastIndexOf(':') + 1) : example
  return `Give each library's deployed address beside the artifact: libraries: {${short}: "0x…"} (the fully qualified "path/File.sol:${short}" when two share a name), or deploy the library as a contract of the workload.`
}
