import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify as toYaml } from 'yaml'
import type { RunReport } from '../../services/metrics/report'
import { runCli } from './cli'
import { writeAt } from './foundry-project'
import { tempDataDir } from './run'

/**
 * Writes `config` as YAML at `dir/name` (so artifact paths resolve against `dir`) and runs
 * `evm-stress run --config` on it against `rpcUrl`, with its own data dir; the JSON report, if written.
 */
export async function runConfigFile(
  p: { dir: string; name: string; rpcUrl: string; config: Record<string, unknown> },
  extra: string[] = [],
) {
  const file = writeAt(p.dir, p.name, toYaml(p.config))
  const data = tempDataDir()
  const reportFile = join(data, 'report.json')
  const args = ['run', '--config', file, '--rpc-url', p.rpcUrl, '--data-dir', data, '--report', reportFile, '-q']
  const r = await runCli([...args, ...extra])
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport) : undefined
  return { ...r, report }
}
