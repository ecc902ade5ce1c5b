import type { RunStatus } from '@/services/runs/types'

/** Whether a run is over: the run model's one list of terminal statuses. */
export { isTerminalStatus as isTerminal } from '@/services/run-model/status'

export type StatusTone = 'idle' | 'active' | 'ok' | 'warn' | 'bad'

/** A Record over every status: adding a status to the engine fails the type check here until it is placed. */
const tones: Record<RunStatus, StatusTone> = {
  pending: 'idle',
  preparing: 'active',
  funding: 'active',
  running: 'active',
  paused: 'warn',
  'waiting-for-node': 'warn',
  draining: 'active',
  completed: 'ok',
  stopped: 'warn',
  failed: 'bad',
  interrupted: 'bad',
}

export function statusTone(status: RunStatus): StatusTone {
  return tones[status] ?? 'idle'
}
