import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { compileStandardJson, counterSource, foundryArtifactOf, mathLibSource } from './solc'

/** Writes `text` (or JSON of a value) at `dir/relative`, creating the directories on the way. */
export function writeAt(dir: string, relative: string, content: unknown): string {
  const path = join(dir, relative)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return path
}

const interfaceSource = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

interface IThing {
    function thing() external view returns (uint256);
}
`

/**
 * A temp directory laid out as `forge build` leaves a project: out/<File>.sol/<Name>.json for
 * Counter, Summer and its MathLib library and an interface, plus out/build-info/ (which holds
 * whole compilations, not artifacts). Compiled with the pinned solc.
 */
export function writeFoundryProject(): { dir: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'evm-stress-foundry-'))
  const out = join(dir, 'out')
  const compiled = compileStandardJson({
    'src/Counter.sol': counterSource,
    'src/Summer.sol': mathLibSource,
    'src/IThing.sol': interfaceSource,
  })
  writeAt(out, 'Counter.sol/Counter.json', foundryArtifactOf(compiled, 'src/Counter.sol', 'Counter'))
  writeAt(out, 'Summer.sol/Summer.json', foundryArtifactOf(compiled, 'src/Summer.sol', 'Summer'))
  writeAt(out, 'Summer.sol/MathLib.json', foundryArtifactOf(compiled, 'src/Summer.sol', 'MathLib'))
  writeAt(out, 'IThing.sol/IThing.json', foundryArtifactOf(compiled, 'src/IThing.sol', 'IThing'))
  writeAt(out, 'build-info/0123abcd.json', { id: '0123abcd', input: {}, output: compiled })
  return { dir, out }
}
