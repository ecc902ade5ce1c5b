import type { RunEvent } from '../testing/events'
import type { Marker } from './frames'

/** Status changes worth a line on the charts, and what the line says. */
const statusLabels: Partial<Record<string, string>> = {
  running: 'running',
  paused: 'paused',
  'waiting-for-node': 'node unreachable',
  draining: 'draining',
  completed: 'completed',
  stopped: 'stopped',
  failed: 'failed',
}

/**
 * The chart marker an event makes, if any: pauses, resumes, node outages, the drain and load
 * profile stages. "running" after a pause or an outage reads "resumed".
 */
export function markerOf(e: RunEvent, previous: Marker | undefined): Marker | null {
  if (e.type === 'stage') return { at: e.at, kind: 'stage', label: `stage ${e.index + 1}: ${e.name}` }
  if (e.type !== 'status') return null
  const label = statusLabels[e.status]
  if (!label) return null
  const resumed = e.status === 'running' && previous?.kind === 'status' && previous.label !== 'running'
  if (e.status === 'running' && previous && !resumed) return null
  return { at: e.at, kind: 'status', label: resumed ? 'resumed' : label }
}
