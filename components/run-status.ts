import type { RunStatus } from '@/services/runs/types'

export type StatusTone = 'idle' | 'active' | 'ok' | 'warn' | 'bad'

/** A Record over every status: adding a status to the engine fails the type check here until it is placed. */
const statusInfo: Record<RunStatus, { terminal: boolean; tone: StatusTone }> = {
  pending: { terminal: false, tone: 'idle' },
  preparing: { terminal: false, tone: 'active' },
  funding: { terminal: false, tone: 'active' },
  running: { terminal: false, tone: 'active' },
  paused: { terminal: false, tone: 'warn' },
  'waiting-for-node': { terminal: false, tone: 'warn' },
  draining: { terminal: false, tone: 'active' },
  completed: { terminal: true, tone: 'ok' },
  stopped: { terminal: true, tone: 'warn' },
  failed: { terminal: true, tone: 'bad' },
  interrupted: { terminal: true, tone: 'bad' },
}

export function isTerminal(status: RunStatus): boolean {
  return statusInfo[status]?.terminal ?? false
}

export function statusTone(status: RunStatus): StatusTone {
  return statusInfo[status]?.tone ?? 'idle'
}
