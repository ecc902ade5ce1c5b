/** Every status a run can be in, in the order a run passes through them. */
export const runStatuses = [
  'pending',
  'preparing',
  'funding',
  'running',
  'paused',
  'waiting-for-node',
  'draining',
  'completed',
  'stopped',
  'failed',
  'interrupted',
] as const
export type RunStatus = (typeof runStatuses)[number]

/** A run in one of these is over: nothing more happens to it. */
export const terminalStatuses: ReadonlySet<RunStatus> = new Set(['completed', 'stopped', 'failed', 'interrupted'])

export function isTerminalStatus(status: RunStatus): boolean {
  return terminalStatuses.has(status)
}

/** The statuses of a run still in progress (a crash can leave a stored run in one of them). */
export const openStatuses: readonly RunStatus[] = runStatuses.filter((s) => !terminalStatuses.has(s))

/** Something is left to send (a threshold's abort only helps then): not preparing, not draining. */
export const sendingStatuses: ReadonlySet<RunStatus> = new Set(['running', 'paused', 'waiting-for-node'])
