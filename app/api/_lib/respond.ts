import type { FieldIssue } from '@/services/errors/base'
import { asStressError } from '../../_lib/stress-error'
import { HttpError } from './http-error'

export type ApiError = {
  code: string
  message: string
  hint?: string
  details?: string
  issues?: FieldIssue[]
}

/** HTTP status per StressError code; any other StressError is a well-formed request the engine refused. */
const statusByCode: Record<string, number> = {
  INVALID_CONFIG: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NODE_UNAVAILABLE: 503,
}

/** JSON that is never cached: every answer is about live state. */
export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(data, { status, headers: { 'cache-control': 'no-store', ...headers } })
}

/** The one place where errors become HTTP: typed errors keep their message, the rest become a 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) {
    const body: ApiError = { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }
    return json({ error: body }, error.status)
  }
  const stress = asStressError(error)
  if (stress) {
    const body: ApiError = {
      code: stress.code,
      message: stress.shortMessage,
      ...(stress.hint ? { hint: stress.hint } : {}),
      ...(stress.details ? { details: stress.details } : {}),
      ...(Array.isArray(stress.issues) ? { issues: stress.issues } : {}),
    }
    return json({ error: body }, statusByCode[stress.code] ?? 422)
  }
  // Unknown errors may carry internals (paths, keys in URLs): log them here, tell the client little.
  console.error('[evm-stress] unexpected error in API route:', error)
  const body: ApiError = {
    code: 'INTERNAL',
    message: 'Internal server error',
    hint: 'The server log has the details.',
  }
  return json({ error: body }, 500)
}

/** Runs a handler body and maps whatever it throws; keeps each route handler to a few lines. */
export async function respond(handler: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await handler()
  } catch (error) {
    return errorResponse(error)
  }
}
