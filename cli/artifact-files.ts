import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { isObject } from '../services/abi/json'
import { parseJson } from '../services/abi/parse-json'
import { findFoundryContract } from '../services/contracts/foundry-out'
import { ConfigError } from '../services/errors/base'

export type ArtifactFileOptions = {
  /** The config file's directory: artifact paths are relative to it. */
  baseDir: string
  /** A Foundry out/ directory (absolute or relative to the cwd) where bare contract names are found. */
  foundryOut?: string
}

/** `Pool`, `Pool.sol:Pool`, `a/Pool.sol:Pool`: a contract by name rather than a file. */
const contractRef = /^(?:.+\.(?:sol|vy):)?[A-Za-z_$][\w$]*$/

/**
 * The CLI's side of docs/scenarios.md ("Artifacts"): each artifact reference of a config file
 * that is neither JSON text nor already parsed — `scenario.target.artifact` (custom-call) and
 * `scenario.contracts.<Name>.artifact` (scenarios with named contracts) — is read from disk and
 * replaced by its parsed JSON, so the engine, the store and the API only ever see JSON.
 * Returns a new config object; the input is not changed.
 */
export function inlineArtifactFiles(
  config: Record<string, unknown>,
  options: ArtifactFileOptions,
): Record<string, unknown> {
  const scenario = config.scenario
  if (!isObject(scenario)) return config
  const out = { ...scenario }
  if (isObject(scenario.target) && 'artifact' in scenario.target)
    out.target = {
      ...scenario.target,
      artifact: inlineOne(scenario.target.artifact, 'scenario.target.artifact', options),
    }
  if (isObject(scenario.contracts))
    out.contracts = Object.fromEntries(
      Object.entries(scenario.contracts).map(([name, c]) => [
        name,
        isObject(c) && 'artifact' in c
          ? { ...c, artifact: inlineOne(c.artifact, `scenario.contracts.${name}.artifact`, options) }
          : c,
      ]),
    )
  return { ...config, scenario: out }
}

function inlineOne(value: unknown, field: string, o: ArtifactFileOptions): unknown {
  if (typeof value !== 'string') return value
  const ref = value.trim()
  // JSON text stays as it is; loadContractInterface parses it and names its errors.
  if (ref === '' || ref.startsWith('{') || ref.startsWith('[')) return value
  if (contractRef.test(ref)) {
    if (o.foundryOut) return readArtifact(findFoundryContract(o.foundryOut, ref, field).path, field, o)
    // Without an out/ directory a name is a path only if there is such a file.
    if (!existsSync(resolve(o.baseDir, ref)))
      throw new ConfigError(
        [{ field, message: `${JSON.stringify(ref)} is a contract name, and no Foundry out/ directory was given` }],
        {
          hint: `Pass --foundry-out out (or foundryOut: out in the config) to find contracts by name, or give the artifact's path, e.g. out/${ref.split(':').pop()}.sol/${ref.split(':').pop()}.json.`,
        },
      )
  }
  return readArtifact(resolve(o.baseDir, ref), field, o)
}

function readArtifact(path: string, field: string, o: ArtifactFileOptions): unknown {
  const hint = `Artifact paths are relative to the config file's directory (${o.baseDir}): give a Foundry out/<File>.sol/<Name>.json, a Hardhat artifact or solc JSON output, or paste the JSON inline.`
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'
    throw new ConfigError([{ field, message: `cannot read ${path}: ${why}` }], { hint })
  }
  try {
    return parseJson(text, field)
  } catch (error) {
    const said = error instanceof ConfigError ? (error.issues[0]?.message ?? '') : String(error)
    throw new ConfigError([{ field, message: `${path} ${said}` }], { hint })
  }
}
