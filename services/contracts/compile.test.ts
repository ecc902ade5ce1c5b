import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { builtinContracts, loadBuiltinArtifact } from './artifacts'
import { artifactFileText, compileSources, readSources } from './compile'

const contractsDir = fileURLToPath(new URL('../../contracts/', import.meta.url))

describe('contract artifacts', () => {
  it('are exactly what compiling contracts/*.sol gives (run `npm run contracts:compile` if not)', () => {
    const { artifacts, warnings } = compileSources(readSources(contractsDir))
    expect(warnings).toEqual([])
    expect(artifacts.map((a) => a.contractName)).toEqual([...builtinContracts].sort())
    for (const a of artifacts) {
      const checkedIn = readFileSync(new URL(`../../contracts/out/${a.contractName}.json`, import.meta.url), 'utf8')
      // Byte-identical files: same ABI, same bytecode (metadata hash included), same layout.
      expect(artifactFileText(a)).toBe(checkedIn)
      const loaded = loadBuiltinArtifact(a.contractName as (typeof builtinContracts)[number])
      expect(loaded.abi).toEqual(a.abi)
      expect(loaded.bytecode).toBe(a.bytecode)
    }
  })

  it('reports solc errors with their location', () => {
    expect(() => compileSources({ 'Bad.sol': 'pragma solidity 0.8.28; contract Bad { function f( }' })).toThrow(
      /solc failed:[\s\S]*Bad\.sol:1/,
    )
  })
})
