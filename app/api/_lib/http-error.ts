/** An error of the HTTP layer itself, raised before the engine is called (bad JSON, body too big). */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message)
  }
}
