import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunReport } from '../../services/metrics/report'
import { tempDataDir } from './run'

const bin = fileURLToPath(new URL('../../bin/evm-stress.mjs', import.meta.url))

export type CliResult = { code: number | null; stdout: string; stderr: string }

/** Runs the real CLI as a user would, in its own process (`env` added to this one's). */
export function startCli(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; result: Promise<CliResult> } {
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (d) => {
    stdout += d
  })
  child.stderr?.on('data', (d) => {
    stderr += d
  })
  const result = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  return { child, result }
}

export const runCli = (args: string[], env?: Record<string, string>) => startCli(args, env).result

/** `evm-stress run <args>` with a fresh data dir and `--report` in it: the result, the dir, the report. */
export async function runCliReporting(args: string[]) {
  const dir = tempDataDir()
  const reportFile = join(dir, 'report.json')
  const result = await runCli(['run', ...args, '--data-dir', dir, '--report', reportFile])
  return { ...result, dir, report: () => JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport }
}
