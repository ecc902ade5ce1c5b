import { readFileSync } from 'node:fs'
import { dirname, extname, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { TestConfig } from '../services/config/schema'
import { ConfigError } from '../services/errors/base'
import { checkConfig } from '../services/runs/check-config'
import { inlineArtifactFiles } from './artifact-files'

/** Reads a JSON or YAML test config file into a plain object (validation happens after merging). */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new ConfigError([{ field: 'config', message: `cannot read file ${path}` }], {
      hint: 'Check the path given to --config.',
    })
  }
  const ext = extname(path).toLowerCase()
  try {
    const value = ext === '.yaml' || ext === '.yml' ? parseYaml(text) : JSON.parse(text)
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new Error('the file must hold one object of config fields')
    return value as Record<string, unknown>
  } catch (e) {
    throw new ConfigError([
      {
        field: 'config',
        message: `${path} is not valid ${ext === '.json' ? 'JSON' : 'JSON/YAML'}: ${(e as Error).message}`,
      },
    ])
  }
}

/** Numbers typed on the command line arrive as strings; leave non-numbers for zod to name. */
export function numeric(value: string): number | string {
  return /^-?\d+(\.\d+)?(e\d+)?$/i.test(value.trim()) ? Number(value) : value
}

/** A repeatable flag (`--threshold a --threshold b`): each value appended. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

/** `--tx-type eip4844` as it is; `legacy=1,eip1559=3` → a weighted mix (bad parts left for zod to name). */
export function txTypeFlag(value: string): string | Record<string, number | string> {
  if (!value.includes('=') && !value.includes(',')) return value.trim()
  return Object.fromEntries(
    list(value).map((part) => {
      const [type = '', weight = '1'] = part.split('=').map((v) => v.trim())
      return [type, numeric(weight)]
    }),
  )
}

/** `a,b, c` → ['a', 'b', 'c'] for list flags. */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
}

/**
 * File values first, flags over them, then one validation that names any bad field — including a
 * custom call's ABI, function and arguments, so they fail here (exit 2, nothing written) rather
 * than as a run that starts a node and then fails. Artifact paths and contract names in the file
 * are read here (cli/artifact-files.ts); `foundryOut` (file, relative to it) and `--foundry-out`
 * (flag, relative to the cwd) say where names are found, and are the CLI's alone: the config
 * that is validated, stored and reported holds the artifacts' JSON instead.
 */
export function loadConfig(
  file: string | undefined,
  flags: Record<string, unknown>,
  thresholds: string[] = [],
): TestConfig {
  const { foundryOut: flagOut, blobsPerTx, ...flagValues } = flags
  const read = file ? readConfigFile(file) : {}
  const { foundryOut: fileOut, ...fileValues } = read
  const baseDir = file ? dirname(resolve(file)) : process.cwd()
  const foundryOut =
    typeof flagOut === 'string' ? resolve(flagOut) : fileOut === undefined ? undefined : outDir(fileOut, baseDir)
  const fromFile = file ? inlineArtifactFiles(fileValues, { baseDir, foundryOut }) : {}
  const defined = Object.fromEntries(Object.entries(flagValues).filter(([, v]) => v !== undefined))
  const merged: Record<string, unknown> = { ...fromFile, ...defined }
  // `--blobs-per-tx` sets one field of the file's `blobs` (a non-object is left for zod to name).
  if (blobsPerTx !== undefined)
    merged.blobs =
      merged.blobs === undefined || (typeof merged.blobs === 'object' && merged.blobs !== null)
        ? { ...(merged.blobs as object | undefined), perTx: blobsPerTx }
        : merged.blobs
  // `--threshold` adds to the file's thresholds rather than replacing them (a non-list is left for zod to name).
  if (thresholds.length)
    merged.thresholds =
      merged.thresholds === undefined
        ? thresholds
        : Array.isArray(merged.thresholds)
          ? [...merged.thresholds, ...thresholds]
          : merged.thresholds
  return checkConfig(merged)
}

/** A config file's `foundryOut`: a directory path, relative to the file. */
function outDir(value: unknown, baseDir: string): string {
  if (typeof value === 'string' && value.trim()) return resolve(baseDir, value)
  throw new ConfigError([{ field: 'foundryOut', message: 'must be the path of a Foundry out/ directory' }], {
    hint: "e.g. foundryOut: out — relative to the config file's directory.",
  })
}
