import { createRequire } from 'node:module'
import { type Address, getAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  combinedJsonOf,
  compileStandardJson,
  foundryArtifactOf,
  hardhatArtifactOf,
  mathLibSource,
} from '../../test/helpers/solc'
import { hashLabel, placeholderOf } from '../abi/library-placeholder'
import { loadContractInterface, requireBytecode } from '../abi/load-abi'
import { issueOf, issuesOf } from '../abi/test-helpers'
import { ConfigError } from '../errors/base'
import { linkLibraries } from './link-libraries'

const output = compileStandardJson({ 'src/Summer.sol': mathLibSource })
const fqn = 'src/Summer.sol:MathLib'
const lib = getAddress('0x00000000000000000000000000000000000a11ce') as Address
const field = 'scenario.target.libraries'
// solc-js's own linker, as a second opinion on where the address goes.
const solcLinker = createRequire(import.meta.url)('solc/linker') as {
  linkBytecode(code: string, libraries: Record<string, string>): string
}
const solcLinked = `0x${solcLinker.linkBytecode(output.contracts['src/Summer.sol']!.Summer!.evm.bytecode.object, { [fqn]: lib.toLowerCase() })}`

const summerIn = {
  standard: loadContractInterface(output, { contractName: 'Summer' }),
  foundry: loadContractInterface(foundryArtifactOf(output, 'src/Summer.sol', 'Summer')),
  hardhat: loadContractInterface(hardhatArtifactOf(output, 'src/Summer.sol', 'Summer')),
  combined: loadContractInterface(combinedJsonOf(output), { contractName: 'Summer' }),
}

describe('linkLibraries', () => {
  it.each(Object.entries(summerIn))(
    'links a %s artifact by short or fully qualified name, as solc does',
    (_, iface) => {
      expect(iface.unlinkedLibraries).toEqual([fqn])
      expect(iface.bytecode).toBeUndefined()
      const linked = linkLibraries(iface, { MathLib: lib }, field)
      expect(linked).toBe(solcLinked)
      expect(linked).toContain(lib.slice(2).toLowerCase())
      expect(linked).not.toMatch(/__/)
      expect(linkLibraries(iface, { [fqn]: lib }, field)).toBe(solcLinked)
    },
  )

  it('uses the link references where there are some, the placeholders where not (combined-json)', () => {
    expect(summerIn.foundry.linkReferences).toEqual({
      'src/Summer.sol': { MathLib: [expect.objectContaining({ length: 20 })] },
    })
    expect(summerIn.combined.linkReferences).toBeUndefined()
    expect(summerIn.combined.unlinkedBytecode).toContain(placeholderOf(hashLabel(fqn)))
  })

  it('names every missing library with its fully qualified name, and says how to give it', () => {
    let error: unknown
    try {
      linkLibraries(summerIn.hardhat, {}, field)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).issues).toEqual([{ field, message: `has no address for library ${fqn}` }])
    expect((error as ConfigError).hint).toContain('libraries: {MathLib: "0x…"}')
    expect((error as ConfigError).hint).toContain('deploy the library as a contract of the workload')
  })

  it('refuses a key no library answers to and an address that is not one', () => {
    expect(issuesOf(() => linkLibraries(summerIn.foundry, { MathLib: lib, MathLob: lib }, field))).toEqual([
      { field: `${field}.MathLob`, message: `is not a library this contract links; it links: ${fqn}` },
    ])
    expect(issuesOf(() => linkLibraries(summerIn.foundry, { MathLib: '0x12' as Address }, field))).toEqual([
      { field: `${field}.MathLib`, message: 'must be a 20-byte 0x address' },
    ])
    const plain = loadContractInterface(foundryArtifactOf(output, 'src/Summer.sol', 'MathLib'))
    expect(issueOf(() => linkLibraries(plain, { MathLib: lib }, field)).message).toBe(
      'is not needed: this contract links no libraries',
    )
  })

  it('gives back linked code untouched when nothing needs linking', () => {
    const plain = loadContractInterface(foundryArtifactOf(output, 'src/Summer.sol', 'MathLib'))
    expect(linkLibraries(plain, {}, field)).toBe(requireBytecode(plain))
  })

  it('links legacy `__File.sol:Lib___` placeholders and bare hashed ones without link references', () => {
    const hashed = summerIn.hardhat.unlinkedBytecode as string
    const legacy = hashed.replaceAll(placeholderOf(hashLabel(fqn)), placeholderOf(fqn))
    const abi = summerIn.hardhat.abi
    const old = loadContractInterface({ abi, bytecode: legacy })
    expect(old.unlinkedLibraries).toEqual([fqn])
    expect(linkLibraries(old, { MathLib: lib }, field)).toBe(solcLinked)
    // A hashed placeholder alone does not say its name: the short key cannot match, the full one can.
    const bare = loadContractInterface({ abi, bytecode: hashed })
    expect(bare.unlinkedLibraries).toEqual([hashLabel(fqn)])
    expect(issuesOf(() => linkLibraries(bare, { MathLib: lib }, field))).toEqual([
      {
        field,
        message: `has no address for library placeholder ${placeholderOf(hashLabel(fqn))} (unnamed: key it by its fully qualified name)`,
      },
      { field: `${field}.MathLib`, message: `is not a library this contract links; it links: ${hashLabel(fqn)}` },
    ])
    expect(linkLibraries(bare, { [fqn]: lib }, field)).toBe(solcLinked)
  })

  it('needs fully qualified names when two libraries share a name', () => {
    const twin = (file: string) =>
      `// SPDX-License-Identifier: MIT\npragma solidity 0.8.28;\nlibrary L { function f() external pure returns (uint256) { return ${file.length}; } }\n`
    const both = compileStandardJson({
      'a/L.sol': twin('a/L.sol'),
      'bb/L.sol': twin('bb/L.sol'),
      'Use.sol': `// SPDX-License-Identifier: MIT\npragma solidity 0.8.28;\nimport {L as A} from "a/L.sol";\nimport {L as B} from "bb/L.sol";\ncontract Use { function g() external pure returns (uint256) { return A.f() + B.f(); } }\n`,
    })
    const iface = loadContractInterface(both, { contractName: 'Use' })
    expect(iface.unlinkedLibraries).toEqual(['a/L.sol:L', 'bb/L.sol:L'])
    expect(issuesOf(() => linkLibraries(iface, { L: lib }, field))[0]).toEqual({
      field,
      message: 'has no address for libraries a/L.sol:L, bb/L.sol:L',
    })
    const other = getAddress('0x00000000000000000000000000000000000b0b00')
    const linked = linkLibraries(iface, { 'a/L.sol:L': lib, 'bb/L.sol:L': other }, field)
    expect(linked).toContain(lib.slice(2).toLowerCase())
    expect(linked).toContain(other.slice(2).toLowerCase())
  })

  it('refuses link references that do not point at a placeholder', () => {
    const artifact = foundryArtifactOf(output, 'src/Summer.sol', 'Summer')
    const moved = {
      ...artifact,
      bytecode: { ...artifact.bytecode, linkReferences: { 'src/Summer.sol': { MathLib: [{ start: 0, length: 20 }] } } },
    }
    expect(issueOf(() => linkLibraries(loadContractInterface(moved), { MathLib: lib }, field)).message).toMatch(
      /cannot link src\/Summer\.sol:MathLib: its link reference at byte 0 does not point at a library placeholder/,
    )
  })
})
