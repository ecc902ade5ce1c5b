import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { NodeUnavailableError } from '../errors/base'

const platformPackages: Record<string, Record<string, string>> = {
  linux: { x64: 'anvil-linux-amd64', arm64: 'anvil-linux-arm64' },
  darwin: { x64: 'anvil-darwin-amd64', arm64: 'anvil-darwin-arm64' },
  win32: { x64: 'anvil-win32-amd64' },
}

/** Path of the Anvil binary shipped by the `@foundry-rs/anvil` npm dependency. */
export function anvilBinaryPath(): string {
  if (process.env.EVM_STRESS_ANVIL_BIN) return process.env.EVM_STRESS_ANVIL_BIN
  const pkg = platformPackages[process.platform]?.[process.arch]
  if (!pkg)
    throw new NodeUnavailableError(`No embedded Anvil for ${process.platform}/${process.arch}`, {
      hint: 'Start a node yourself and pass its URL with --rpc-url.',
    })
  const require = createRequire(import.meta.url)
  let dir: string
  try {
    // turbopackIgnore: Next.js would otherwise rewrite this into its own module lookup.
    dir = dirname(require.resolve(/* turbopackIgnore: true */ `@foundry-rs/${pkg}/package.json`))
  } catch (cause) {
    throw new NodeUnavailableError(`The embedded Anvil package @foundry-rs/${pkg} is not installed`, {
      hint: 'Run `npm install` (or `npm ci`) in the project folder, or pass --rpc-url.',
      cause,
    })
  }
  const bin = join(dir, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil')
  if (!existsSync(bin))
    throw new NodeUnavailableError(`Anvil binary missing at @foundry-rs/${pkg}/bin`, {
      hint: 'Reinstall dependencies with `npm ci`.',
    })
  return bin
}
