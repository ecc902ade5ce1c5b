import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Abi, Hex } from 'viem'

/**
 * Build-time only (the compile script and its test): the app reads the checked-in artifacts and
 * never loads the compiler. `solc` is the pure wasm build pinned in package.json, so compiling
 * needs no download and gives the same bytes on every machine.
 */

/** The settings every artifact is built with; recorded in each artifact. */
export const compilerSettings = {
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 200 },
} as const

/** What `contracts/out/<Name>.json` holds, keys in this order. */
export type CompiledArtifact = {
  contractName: string
  abi: Abi
  bytecode: Hex
  deployedBytecode: Hex
  compiler: { version: string; settings: typeof compilerSettings }
}

type ImportResult = { contents: string } | { error: string }
type Solc = { version(): string; compile(input: string, callbacks?: { import(path: string): ImportResult }): string }
type SolcMessage = { severity: 'error' | 'warning' | 'info'; formattedMessage: string }
type SolcOutput = {
  errors?: SolcMessage[]
  contracts?: Record<
    string,
    Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >
}

// solc ships no types; this is the part of its API we use.
const require = createRequire(import.meta.url)
const loadSolc = (): Solc => require('solc') as Solc

/**
 * Imports of npm packages (`@openzeppelin/contracts/…`) are read from node_modules, so a contract
 * can build on a real library's source; the package version is pinned by package-lock.json.
 */
function readImport(path: string): ImportResult {
  try {
    return { contents: readFileSync(require.resolve(path), 'utf8') }
  } catch {
    return { error: `${path} not found: install the package that holds it (npm ci)` }
  }
}

/** Reads every `*.sol` in `dir`, keyed by file name (the source unit name, which lands in the metadata hash). */
export function readSources(dir: string): Record<string, string> {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.sol'))
    .sort()
  return Object.fromEntries(names.map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
}

/**
 * Compiles sources (file name → text) with solc's standard JSON; returns artifacts sorted by
 * contract name and the compiler's warnings. Throws with solc's own messages on any error.
 */
export function compileSources(sources: Record<string, string>): {
  artifacts: CompiledArtifact[]
  warnings: string[]
} {
  const solc = loadSolc()
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([file, content]) => [file, { content }])),
    settings: {
      ...compilerSettings,
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: readImport })) as SolcOutput
  const messages = output.errors ?? []
  const errors = messages.filter((m) => m.severity === 'error')
  if (errors.length) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`)

  const artifacts: CompiledArtifact[] = []
  for (const [file, contracts] of Object.entries(output.contracts ?? {})) {
    // Only the contracts of the given sources: the imported library's own contracts are not ours to ship.
    if (!(file in sources)) continue
    for (const [contractName, c] of Object.entries(contracts)) {
      // Interfaces have no code: nothing to deploy, no artifact.
      if (!c.evm.bytecode.object) continue
      artifacts.push({
        contractName,
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
        compiler: { version: solc.version(), settings: compilerSettings },
      })
    }
  }
  artifacts.sort((a, b) => a.contractName.localeCompare(b.contractName))
  return {
    artifacts,
    warnings: messages.filter((m) => m.severity === 'warning').map((m) => m.formattedMessage),
  }
}

/**
 * The artifact file's exact text: fixed key order (the object literal's), two-space indent and a
 * trailing newline, so compiling twice gives byte-identical files.
 */
export function artifactFileText(a: CompiledArtifact): string {
  const ordered: CompiledArtifact = {
    contractName: a.contractName,
    abi: a.abi,
    bytecode: a.bytecode,
    deployedBytecode: a.deployedBytecode,
    compiler: {
      version: a.compiler.version,
      settings: { evmVersion: a.compiler.settings.evmVersion, optimizer: a.compiler.settings.optimizer },
    },
  }
  return `${JSON.stringify(ordered, null, 2)}\n`
}
