import { fail } from './messages'

const endOfInput = 'Unexpected end of JSON input'
const positionOf = (message: string) => /at position (\d+)/.exec(message)?.[1]

/**
 * JSON.parse with an error that says where: V8 reports some errors with a position and others
 * ("Unexpected token 'x', …") with an excerpt of the input instead, which we do not echo back.
 */
export function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    fail(field, `is not valid JSON: ${explain(text, message)}`)
  }
}

function explain(text: string, message: string): string {
  if (message === endOfInput) return `${endOfInput} ${where(text, text.length)}`
  const given = positionOf(message)
  const position = given === undefined ? firstBadPosition(text) : Number(given)
  // Drop V8's echo of the input (`, "…" is not valid JSON`) and its own position wording.
  const head = message
    .replace(/, (\.\.\.)?".*$/s, '')
    .replace(/ is not valid JSON$/, '')
    .replace(/ in JSON at position \d+.*$/s, '')
  return `${head} ${where(text, position)}`
}

/** `at position 12 (line 1, column 13)`: pasted files are multi-line and editors count lines. */
function where(text: string, position: number): string {
  const before = text.slice(0, position).split('\n')
  return `at position ${position} (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`
}

/**
 * The longest prefix that could still become valid JSON ends where the error is; being a
 * viable prefix is monotone, so a binary search finds it in log(n) parses.
 */
function firstBadPosition(text: string): number {
  let lo = 0 // viable
  let hi = text.length // not viable
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (viablePrefix(text.slice(0, mid))) lo = mid
    else hi = mid
  }
  return lo
}

function viablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix)
    return true
  } catch (e) {
    const message = e instanceof Error ? e.message : ''
    const at = positionOf(message)
    return message === endOfInput || (at !== undefined && Number(at) >= prefix.length)
  }
}
