/**
 * The one error base of the engine: a short message for people, a hint that says what to do,
 * details for the curious and the cause for the debugger. Subclasses add a `code`.
 */
export type StressErrorOptions = {
  hint?: string
  details?: string
  cause?: unknown
}

export class StressError extends Error {
  override name = 'StressError'
  readonly code: string = 'STRESS_ERROR'
  readonly shortMessage: string
  readonly hint: string | undefined
  readonly details: string | undefined

  constructor(shortMessage: string, options: StressErrorOptions = {}) {
    super(
      [shortMessage, options.hint && `Hint: ${options.hint}`, options.details && `Details: ${options.details}`]
        .filter(Boolean)
        .join('\n'),
      { cause: options.cause },
    )
    this.shortMessage = shortMessage
    this.hint = options.hint
    this.details = options.details
  }

  /** Plain data for APIs and reports (never includes the cause's stack). */
  toJSON(): { code: string; message: string; hint?: string; details?: string } {
    return {
      code: this.code,
      message: this.shortMessage,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.details ? { details: this.details } : {}),
    }
  }
}

export type FieldIssue = { field: string; message: string }

/** Bad input: names each field, what was wrong, and what to do. */
export class ConfigError extends StressError {
  override name = 'ConfigError'
  override readonly code = 'INVALID_CONFIG'
  readonly issues: FieldIssue[]

  constructor(issues: FieldIssue[], options: StressErrorOptions = {}) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '), {
      hint: options.hint ?? 'Fix the named field(s) and try again; docs/config.md lists every field.',
      ...options,
    })
    this.issues = issues
  }

  override toJSON() {
    return { ...super.toJSON(), issues: this.issues }
  }
}

/** The node could not be reached or did not behave like an EVM JSON-RPC node. */
export class NodeUnavailableError extends StressError {
  override name = 'NodeUnavailableError'
  override readonly code = 'NODE_UNAVAILABLE'
}

export class NotFoundError extends StressError {
  override name = 'NotFoundError'
  override readonly code = 'NOT_FOUND'
}

export class ConflictError extends StressError {
  override name = 'ConflictError'
  override readonly code = 'CONFLICT'
}

/** The run store (PostgreSQL, when EVM_STRESS_DATABASE_URL names one) could not be reached or refused a query. */
export class StoreUnavailableError extends StressError {
  override name = 'StoreUnavailableError'
  override readonly code = 'STORE_UNAVAILABLE'
}
