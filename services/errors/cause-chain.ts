/** How deep a cause chain is followed: viem nests 3–5 levels; a loop must not hang us. */
const maxDepth = 8

/**
 * An error and its causes, outermost first: viem's `BaseError.walk` rule (follow `cause`), for any
 * thrown value — fetch errors, our own StressErrors and plain objects carry causes too.
 */
export function* causeChain(error: unknown): Generator<unknown> {
  let current: unknown = error
  for (let depth = 0; current !== undefined && current !== null && depth < maxDepth; depth++) {
    yield current
    if (typeof current !== 'object') return
    current = (current as { cause?: unknown }).cause
  }
}
