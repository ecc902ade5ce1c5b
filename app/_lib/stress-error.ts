import { type FieldIssue, StressError } from '@/services/errors/base'

/** The fields of a StressError this layer reads; `issues` only on ConfigError. */
export type StressErrorLike = Error & {
  code: string
  shortMessage: string
  hint?: string
  details?: string
  issues?: FieldIssue[]
}

/**
 * `instanceof` first, then the shape: the bundler may give a route handler its own copy of
 * `services/errors/base.ts`, distinct from the copy that built the registry on `globalThis`, and
 * an error from one copy is not an `instanceof` the other's class. The code is what we map on.
 */
export function asStressError(error: unknown): StressErrorLike | null {
  if (error instanceof StressError) return error as StressErrorLike
  if (!(error instanceof Error)) return null
  const e = error as Partial<StressErrorLike>
  return typeof e.code === 'string' && typeof e.shortMessage === 'string' ? (error as StressErrorLike) : null
}

export function isNotFound(error: unknown): boolean {
  return asStressError(error)?.code === 'NOT_FOUND'
}
