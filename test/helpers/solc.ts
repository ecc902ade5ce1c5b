import { createRequire } from 'node:module'
import type { Abi } from 'viem'

/**
 * Real compiler output for tests, from the `solc` npm package pinned in package.json (0.8.28):
 * standard JSON as solc prints it, and the Foundry, Hardhat and `--combined-json` files built
 * from it the way those tools build them.
 */

type Solc = { version(): string; compile(input: string): string }
const loadSolc = (): Solc => createRequire(import.meta.url)('solc') as Solc

type Bytecode = { object: string; linkReferences: Record<string, unknown>; sourceMap?: string }
export type SolcContract = {
  abi: Abi
  metadata: string
  evm: { bytecode: Bytecode; deployedBytecode: Bytecode & { immutableReferences?: unknown } }
}
export type SolcStandardOutput = {
  contracts: Record<string, Record<string, SolcContract>>
  sources: Record<string, unknown>
}

/** Compiles `file → source` with solc's standard JSON; throws with solc's own errors. */
export function compileStandardJson(sources: Record<string, string>): SolcStandardOutput {
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([file, content]) => [file, { content }])),
    settings: {
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'metadata', 'evm.bytecode', 'evm.deployedBytecode'] } },
    },
  }
  const output = JSON.parse(loadSolc().compile(JSON.stringify(input))) as SolcStandardOutput & {
    errors?: { severity: string; formattedMessage: string }[]
  }
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`)
  return output
}

function contractOf(output: SolcStandardOutput, file: string, name: string): SolcContract {
  const c = output.contracts[file]?.[name]
  if (!c) throw new Error(`no ${file}:${name} in the solc output`)
  return c
}

/** What `forge build` writes to out/<File>.sol/<Name>.json: bytecode objects 0x-prefixed, metadata parsed. */
export function foundryArtifactOf(output: SolcStandardOutput, file: string, name: string) {
  const c = contractOf(output, file, name)
  const { bytecode, deployedBytecode } = c.evm
  return {
    abi: c.abi,
    bytecode: {
      object: `0x${bytecode.object}`,
      sourceMap: bytecode.sourceMap,
      linkReferences: bytecode.linkReferences,
    },
    deployedBytecode: {
      object: `0x${deployedBytecode.object}`,
      sourceMap: deployedBytecode.sourceMap,
      linkReferences: deployedBytecode.linkReferences,
      immutableReferences: deployedBytecode.immutableReferences ?? {},
    },
    rawMetadata: c.metadata,
    metadata: JSON.parse(c.metadata) as unknown,
    id: 0,
  }
}

/** What Hardhat writes to artifacts/<file>/<Name>.json: string bytecode, link references beside it. */
export function hardhatArtifactOf(output: SolcStandardOutput, file: string, name: string) {
  const c = contractOf(output, file, name)
  return {
    _format: 'hh-sol-artifact-1',
    contractName: name,
    sourceName: file,
    abi: c.abi,
    bytecode: `0x${c.evm.bytecode.object}`,
    deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
    linkReferences: c.evm.bytecode.linkReferences,
    deployedLinkReferences: c.evm.deployedBytecode.linkReferences,
  }
}

/**
 * `solc --combined-json abi,bin,bin-runtime,metadata` output. The npm `solcjs` CLI has no
 * `--combined-json` flag, so it is built from the standard output: one entry per `file:Name`,
 * the ABI as an array (solc ≥ 0.8.10; older ones wrote a JSON string), bytecode without `0x`
 * and with its `__$…$__` placeholders, metadata as a JSON string, and the compiler version.
 */
export function combinedJsonOf(output: SolcStandardOutput, options: { abiAsString?: boolean } = {}) {
  const contracts: Record<string, Record<string, unknown>> = {}
  for (const [file, byName] of Object.entries(output.contracts))
    for (const [name, c] of Object.entries(byName))
      contracts[`${file}:${name}`] = {
        abi: options.abiAsString ? JSON.stringify(c.abi) : c.abi,
        bin: c.evm.bytecode.object,
        'bin-runtime': c.evm.deployedBytecode.object,
        metadata: c.metadata,
      }
  return { contracts, version: loadSolc().version() }
}

/** A library with an external function (so callers need it linked) and a contract that calls it. */
export const mathLibSource = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

library MathLib {
    function add(uint256 a, uint256 b) external pure returns (uint256) {
        return a + b;
    }
}

contract Summer {
    uint256 public total;

    function addTo(uint256 x) external {
        total = MathLib.add(total, x);
    }
}
`

/** The smallest contract whose state counts the calls that were mined. */
export const counterSource = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

contract Counter {
    uint256 public count;

    function increment() external {
        count += 1;
    }
}
`
