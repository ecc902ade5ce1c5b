import { notFound } from 'next/navigation'
import { getRegistry } from '@/services/runs/registry'
import type { SavedTest } from '@/services/runs/saved-tests'
import type { NodeStatus, RunSummary } from '@/services/runs/types'
import { asStressError, isNotFound } from '../_lib/stress-error'

/**
 * The data layer of the pages (server only). Pages render what they get; a broken node or store
 * becomes a message on the page, never a crashed render.
 */
export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string }

function failure(error: unknown): { ok: false; message: string; hint?: string } {
  const stress = asStressError(error)
  if (stress) return { ok: false, message: stress.shortMessage, ...(stress.hint ? { hint: stress.hint } : {}) }
  console.error('[evm-stress] page data failed:', error)
  return { ok: false, message: 'Internal error while loading data', hint: 'The server log has the details.' }
}

export async function loadNodeStatus(): Promise<Loaded<NodeStatus>> {
  try {
    return { ok: true, value: await getRegistry().nodeStatus() }
  } catch (error) {
    return failure(error)
  }
}

export function loadRuns(limit?: number): Loaded<RunSummary[]> {
  try {
    const runs = getRegistry().listRuns()
    return { ok: true, value: limit === undefined ? runs : runs.slice(0, limit) }
  } catch (error) {
    return failure(error)
  }
}

/** The run, or the 404 page when there is no such run. */
export function loadRun(id: string): RunSummary {
  try {
    return getRegistry().getRun(id)
  } catch (error) {
    if (isNotFound(error)) notFound()
    throw error
  }
}

export function loadTests(): Loaded<SavedTest[]> {
  try {
    return { ok: true, value: getRegistry().listTests() }
  } catch (error) {
    return failure(error)
  }
}

/** A saved test, or why not (an unknown id is a message on the page, not a 404: the form still works). */
export function loadTest(id: string): Loaded<SavedTest> {
  try {
    return { ok: true, value: getRegistry().getTest(id) }
  } catch (error) {
    return failure(error)
  }
}

/** A run's config (public: no secrets), to start a new test from it. */
export function loadRunConfig(id: string): Loaded<RunSummary['config']> {
  try {
    return { ok: true, value: getRegistry().getRun(id).config }
  } catch (error) {
    return failure(error)
  }
}
