import pkg from '../../package.json'

/** What ran the test, recorded in the report: numbers from different versions may differ. */
export type ToolEnvironment = {
  /** evm-stress's own version (package.json). */
  evmStress: string
  /** Node.js version (process.version). */
  node: string
  /** Operating system and CPU architecture, e.g. "linux x64". */
  platform: string
}

export function toolEnvironment(): ToolEnvironment {
  return { evmStress: pkg.version, node: process.version, platform: `${process.platform} ${process.arch}` }
}
