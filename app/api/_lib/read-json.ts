import { HttpError } from './http-error'

/**
 * A test config is a few hundred bytes, but a custom call may carry an artifact to deploy: its
 * creation code alone can be 48 KB (EIP-3860), ~96 KB as hex. 256 KB leaves room for its ABI.
 */
export const maxBodyBytes = 256 * 1024

/** Deeper JSON than this is no config (an ABI's tuples nest a few levels) and could exhaust the stack. */
export const maxJsonDepth = 64

const tooLarge = (limit: number) =>
  new HttpError(
    413,
    'BODY_TOO_LARGE',
    `Request body is larger than ${limit / 1024} KB`,
    'Send only the test configuration as JSON; a config file this big is a mistake.',
  )

const invalidJson = (message: string) =>
  new HttpError(400, 'INVALID_JSON', message, 'Send a JSON object, e.g. {"mode":"concurrent","txs":100}.')

export type ReadJsonOptions = {
  /** Largest body accepted (default maxBodyBytes). */
  maxBytes?: number
  /** Deepest nesting of arrays/objects accepted (default maxJsonDepth). */
  maxDepth?: number
}

/** Reads a request body as JSON with size and depth limits; throws HttpError(400 INVALID_JSON | 413). */
export async function readJsonBody(request: Request, options: ReadJsonOptions = {}): Promise<unknown> {
  const limit = options.maxBytes ?? maxBodyBytes
  // Past the limit we keep reading (and discarding) up to this much, so that the client has sent
  // its whole body and reads our 413 instead of a connection reset; beyond it we cut.
  const drainBytes = Math.max(1024 * 1024, 2 * limit)
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declared > drainBytes) throw tooLarge(limit)

  const chunks: Uint8Array[] = []
  let total = 0
  if (request.body) {
    const reader = request.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > drainBytes) {
        await reader.cancel()
        break
      }
      if (total <= limit) chunks.push(value)
    }
  }
  if (total > limit) throw tooLarge(limit)

  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
  } catch {
    throw invalidJson('Request body is not valid UTF-8 text')
  }
  if (!text.trim()) throw invalidJson('Request body is empty; send a JSON object ({} for all defaults)')
  const depth = options.maxDepth ?? maxJsonDepth
  if (nestingDepth(text) > depth) throw invalidJson(`Request body nests arrays/objects deeper than ${depth} levels`)
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw invalidJson(`Request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** Deepest `[`/`{` nesting of JSON text, brackets inside strings not counted; one pass, no recursion. */
export function nestingDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth)
    else if (c === 0x5d || c === 0x7d) depth--
  }
  return deepest
}
