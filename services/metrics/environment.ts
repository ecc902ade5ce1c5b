import pkg from '../../package.json'

/** What ran the test, recorded in the report: numbers from different versions may differ. */
export type ToolEnvironment = {
  /** evm-stress's own version (package.json). */
  evmStress: string
  /** Node.js version (process.version). */
  node: string
  /** Operating system and CPU architecture, e.g. "linux x64". */
  platform: string
  /**
   * The engine process's peak resident memory so far, KiB (`process.resourceUsage().maxRSS`; an
   * embedded Anvil is another process, not counted). In a server it covers every run it has held.
   * Absent in reports written before it was recorded.
   */
  peakRssKiB?: number
}

export function toolEnvironment(): ToolEnvironment {
  return {
    evmStress: pkg.version,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    peakRssKiB: process.resourceUsage().maxRSS,
  }
}
