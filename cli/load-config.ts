import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { parseTestConfig } from '../services/config/parse'
import type { TestConfig } from '../services/config/schema'
import { ConfigError } from '../services/errors/base'

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

/** `a,b, c` → ['a', 'b', 'c'] for list flags. */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
}

/** File values first, flags over them, then one validation that names any bad field. */
export function loadConfig(file: string | undefined, flags: Record<string, unknown>): TestConfig {
  const fromFile = file ? readConfigFile(file) : {}
  const defined = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined))
  return parseTestConfig({ ...fromFile, ...defined })
}
