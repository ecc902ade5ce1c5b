import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export type LocalWorkers = { readonly children: readonly ChildProcess[]; stop(): Promise<void> }

/** The CLI itself: each local worker is `evm-stress worker` in a process of its own. */
const cli = fileURLToPath(new URL('../../bin/evm-stress.mjs', import.meta.url))

/**
 * `run --workers N`: N worker processes on this machine, on the run's Redis and data dir (so they
 * derive the same accounts); their log lines go to this process's stderr. Stopped with the run.
 */
export function startLocalWorkers(n: number, redisUrl: string, dataDir: string): LocalWorkers {
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, [cli, 'worker', '--redis', redisUrl, '--data-dir', dataDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  )
  const kill = () => {
    for (const c of children) c.kill('SIGKILL')
  }
  process.once('exit', kill)
  return {
    children,
    async stop() {
      process.off('exit', kill)
      await Promise.all(
        children.map((c) => {
          if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve()
          const exited = new Promise((r) => c.once('exit', r))
          c.kill('SIGTERM')
          return exited
        }),
      )
    },
  }
}
