import type { RunReport } from '../metrics/report'

/** `evm-stress-nightly-erc20-6f0c1a2b.html`: the run's name (if any) made file-safe, and its short id. */
export function reportFileName(report: Pick<RunReport, 'runId' | 'name'>, ext: string): string {
  const slug = (report.name ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return `evm-stress-${slug ? `${slug}-` : ''}${report.runId.slice(0, 8)}.${ext}`
}
