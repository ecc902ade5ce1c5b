import { hostname } from 'node:os'
import { isTerminalStatus, type RunStatus } from '../run-model/status'
import type { RunRow, RunsRepo } from '../store/runs-repo'

/** How often a running run's process says it is alive (docs/architecture.md#liveness). */
export const aliveEveryMs = 5_000
/** Silent this long, a run's process is taken for gone: six missed beats. */
export const abandonedAfterMs = 30_000

/** This process, as a run's owner. */
export const thisOwner = () => `${hostname()}:${process.pid}`

/** Says every `aliveEveryMs` that this process runs the run, until the returned stop. */
export function keepAlive(repo: RunsRepo, runId: string): () => void {
  const beat = () => repo.update(runId, { owner: thisOwner(), alive_at: Date.now() })
  beat()
  const timer = setInterval(() => {
    // A store that stopped answering fails the run's own writes, which say so; not a timer's throw.
    try {
      beat()
    } catch {}
  }, aliveEveryMs)
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * An unfinished run no process runs any more: its owner was a process of this host that is gone
 * (or this very pid, which holds no such run: a previous process's), or it has not said it is
 * alive for `abandonedAfterMs`, or it predates owners. A run that another process, here or on
 * another host, is still running is left alone.
 */
export function isAbandoned(row: RunRow, now: number, ownedHere: ReadonlySet<string>): boolean {
  if (isTerminalStatus(row.status as RunStatus)) return false
  if (ownedHere.has(row.id)) return false
  if (row.owner === null || row.alive_at === null) return true
  const at = row.owner.lastIndexOf(':')
  const [host, pid] = [row.owner.slice(0, at), Number(row.owner.slice(at + 1))]
  if (host === hostname() && (pid === process.pid || !processExists(pid))) return true
  return now - row.alive_at > abandonedAfterMs
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Unfinished runs no process runs any more become interrupted; `ours` are this process's live ones. */
export function markAbandonedRuns(repo: RunsRepo, ours: ReadonlySet<string>, now = Date.now()) {
  for (const row of repo.unfinished())
    if (isAbandoned(row, now, ours))
      repo.update(row.id, {
        status: 'interrupted',
        error_json: JSON.stringify({
          code: 'INTERRUPTED',
          message: 'The process running this run stopped while it was in progress; what was recorded is kept.',
        }),
      })
}
