import { HttpError } from './http-error'

/** A test config is a few hundred bytes; 64 KB leaves room for long names and custom calldata. */
export const maxBodyBytes = 64 * 1024

/**
 * Past the limit we keep reading (and discarding) up to this much, so that the client has sent
 * its whole body and reads our 413 instead of a connection reset; beyond it we cut.
 */
const drainBytes = 1024 * 1024

const tooLarge = () =>
  new HttpError(
    413,
    'BODY_TOO_LARGE',
    `Request body is larger than ${maxBodyBytes / 1024} KB`,
    'Send only the test configuration as JSON; a config file this big is a mistake.',
  )

const invalidJson = (message: string) =>
  new HttpError(400, 'INVALID_JSON', message, 'Send a JSON object, e.g. {"mode":"concurrent","txs":100}.')

/** Reads a request body as JSON with a size limit; throws HttpError(400 INVALID_JSON | 413). */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declared > drainBytes) throw tooLarge()

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
      if (total <= maxBodyBytes) chunks.push(value)
    }
  }
  if (total > maxBodyBytes) throw tooLarge()

  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
  } catch {
    throw invalidJson('Request body is not valid UTF-8 text')
  }
  if (!text.trim()) throw invalidJson('Request body is empty; send a JSON object ({} for all defaults)')
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw invalidJson(`Request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
}
