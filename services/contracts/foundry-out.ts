import { type Dirent, readdirSync, readFileSync } from 'node:fs'
import { basename, join, relative, resolve, sep } from 'node:path'
import { loadContractInterface } from '../abi/load-abi'
import { listOf } from '../abi/messages'
import { ConfigError, StressError } from '../errors/base'

/** One artifact of a Foundry `out/` directory (`out/<File>.sol/<Name>.json`). */
export type FoundryContract = {
  name: string
  /** The source file's directory under out/: `Pool.sol`, or `a/Pool.sol` where two files share a name. */
  file: string
  /** The artifact file, absolute. */
  path: string
  /** Has creation code (maybe still to be linked); interfaces and abstract contracts have none. */
  deployable: boolean
  /** Libraries to link before deploying, fully qualified (`src/Math.sol:MathLib`). */
  libraries: string[]
  /** Why the file is no usable artifact (not JSON, no ABI), when it is not. */
  problem?: string
}

/** Source directories Foundry writes artifacts into; `build-info/` holds whole compilations instead. */
const sourceDir = /\.(sol|vy|vyi|yul)$/

/**
 * Every contract artifact under a Foundry out/ directory, sorted by name then file. Throws a
 * ConfigError at `field` when the directory cannot be read.
 */
export function listFoundryContracts(dir: string, field = 'foundryOut'): FoundryContract[] {
  const root = resolve(dir)
  const found: FoundryContract[] = []
  const walk = (at: string) => {
    for (const entry of readDir(at, field)) {
      const path = join(at, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'build-info') walk(path)
      } else if (entry.name.endsWith('.json') && sourceDir.test(basename(at)))
        found.push(describeArtifact(path, relative(root, at).split(sep).join('/')))
    }
  }
  walk(root)
  return found.sort((a, b) => a.name.localeCompare(b.name) || a.file.localeCompare(b.file))
}

/**
 * The artifact a reference names: `Pool`, or `Pool.sol:Pool` (`a/Pool.sol:Pool`) when two files
 * define a Pool. Unknown or ambiguous names are a ConfigError at `field` listing the choices.
 */
export function findFoundryContract(dir: string, ref: string, field: string): FoundryContract {
  const at = ref.lastIndexOf(':')
  const name = ref.slice(at + 1)
  const file = at > 0 ? ref.slice(0, at) : undefined
  const all = listFoundryContracts(dir)
  const named = all.filter((c) => c.name === name)
  // An exact file first (`Counter.sol` is also the basename of `legacy/Counter.sol`).
  const exact = named.filter((c) => c.file === file)
  const matches = !file ? named : exact.length ? exact : named.filter((c) => basename(c.file) === file)
  if (matches.length === 1) return matches[0] as FoundryContract
  if (matches.length > 1)
    throw new ConfigError(
      [
        {
          field,
          message: `contract ${JSON.stringify(ref)} is in several files of ${resolve(dir)}; pick one of: ${matches.map(qualified).join(', ')}`,
        },
      ],
      { hint: `Name the file too: artifact: "${qualified(matches[0] as FoundryContract)}".` },
    )
  const names = [...new Set(all.filter((c) => c.deployable).map((c) => c.name))]
  throw new ConfigError(
    [
      {
        field,
        message: `no contract ${JSON.stringify(ref)} in ${resolve(dir)}; ${names.length ? `it has: ${listOf(names)}` : 'it holds no deployable artifacts'}`,
      },
    ],
    {
      hint: 'Names are case-sensitive; run `forge build` first, and `evm-stress contracts --foundry-out DIR` lists them.',
    },
  )
}

/** `Pool.sol:Pool`: how a reference names a contract whose name two files share. */
export const qualified = (c: FoundryContract) => `${c.file}:${c.name}`

function describeArtifact(path: string, file: string): FoundryContract {
  // Foundry writes `Name.json`, or `Name.0.8.20.json` for each compiler of a multi-version build.
  const fromFile = basename(path, '.json').split('.')[0] ?? ''
  try {
    const iface = loadContractInterface(readFileSync(path, 'utf8'), { field: path })
    return {
      name: iface.name ?? fromFile,
      file,
      path,
      deployable: Boolean(iface.bytecode || iface.unlinkedBytecode),
      libraries: iface.unlinkedLibraries ?? [],
    }
  } catch (error) {
    const problem = error instanceof StressError ? error.shortMessage.replace(`${path}: `, '') : String(error)
    return { name: fromFile, file, path, deployable: false, libraries: [], problem }
  }
}

function readDir(at: string, field: string): Dirent[] {
  try {
    return readdirSync(at, { withFileTypes: true })
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'is not a directory' : 'cannot be read'
    throw new ConfigError([{ field, message: `${at} ${why}` }], {
      hint: "Point it at Foundry's out/ directory (run `forge build` first); a relative path is read from the config file's directory (--foundry-out: from the current one).",
    })
  }
}
