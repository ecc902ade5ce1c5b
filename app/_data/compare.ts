import { parseCompareQuery, type RunComparison } from '@/services/runs/compare-stored-runs'
import { getRegistry } from '@/services/runs/registry'
import { asStressError } from '../_lib/stress-error'

export type LoadedComparison = { ok: true; value: RunComparison | null } | { ok: false; message: string; hint?: string }

/**
 * The comparison page's data (server only): none until both runs are chosen; a bad tolerance or
 * an unknown id becomes a message on the page rather than a crashed render.
 */
export function loadComparison(params: URLSearchParams): LoadedComparison {
  if (!params.get('base') || !params.get('run')) return { ok: true, value: null }
  try {
    return { ok: true, value: getRegistry().compareRuns(parseCompareQuery(params)) }
  } catch (error) {
    const stress = asStressError(error)
    if (!stress) throw error
    return { ok: false, message: stress.shortMessage, ...(stress.hint ? { hint: stress.hint } : {}) }
  }
}
