/**
 * Text chunks as a byte stream that asks for the next chunk only when the client has taken the
 * last one: a 100k-row CSV goes out page by page, never whole in memory.
 */
export function textStream(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.iterator]()
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = it.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(next.value))
    },
    cancel() {
      it.return?.()
    },
  })
}
