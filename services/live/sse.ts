import type { LiveFeed } from './feed'
import type { LiveFrame, ResetFrame, TxRow } from './frames'

/** Where a run's stream comes from: its live feed, or (run over, server restarted) the store. */
export type StreamSource = { feed: LiveFeed } | { stored: () => { frame: ResetFrame; rows: TxRow[] } }

/** Rows per `reset-txs` part: a 100k-tx reset is many small messages, not one huge one. */
const resetPartRows = 2_000
/** A client this far behind (bytes queued) is dropped; it reconnects and catches up. */
const maxQueuedBytes = 32 * 1024 * 1024
const pingEveryMs = 15_000

const encoder = new TextEncoder()

function message(event: string, data: unknown, id?: number): Uint8Array {
  return encoder.encode(`event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`)
}

function* resetMessages(reset: { frame: ResetFrame; rows: TxRow[] }): Generator<Uint8Array> {
  yield message('reset', reset.frame)
  for (let i = 0; i < reset.rows.length; i += resetPartRows)
    yield message('reset-txs', { kind: 'reset-txs', rows: reset.rows.slice(i, i + resetPartRows) })
  yield message('reset-done', { kind: 'reset-done', seq: reset.frame.seq }, reset.frame.seq)
}

const frameMessage = (f: LiveFrame) => message(f.kind, f, f.seq)

/**
 * A run's Server-Sent Events: from `lastEventId` on when the feed still holds what followed it,
 * else a reset (everything so far), then each new frame until `end`. Building the reset and
 * subscribing happen in one synchronous step, so no frame falls between them.
 */
export function runEventStream(source: StreamSource, lastEventId: number | null, signal: AbortSignal) {
  let cleanup = () => {}
  let pump = () => {}
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false
        // A reset is read at the client's pace (a 100k-tx run is tens of MB); live frames that
        // arrive meanwhile wait behind it, in order.
        let backlog: Iterator<Uint8Array> | null = null
        let closeAfterBacklog = false
        const waiting: Uint8Array[] = []
        let waitingBytes = 0
        const close = () => {
          if (closed) return
          closed = true
          cleanup()
          controller.close()
        }
        pump = () => {
          while (!closed && backlog && (controller.desiredSize ?? 0) > 0) {
            const next = backlog.next()
            if (!next.done) {
              controller.enqueue(next.value)
              continue
            }
            backlog = null
            for (const chunk of waiting) controller.enqueue(chunk)
            waiting.length = 0
            waitingBytes = 0
            if (closeAfterBacklog) close()
          }
        }
        const send = (chunk: Uint8Array) => {
          if (closed) return
          if (backlog) {
            waiting.push(chunk)
            waitingBytes += chunk.byteLength
            if (waitingBytes > maxQueuedBytes) close()
            return
          }
          controller.enqueue(chunk)
          if ((controller.desiredSize ?? 0) < -maxQueuedBytes) close()
        }
        const finish = () => {
          if (backlog) closeAfterBacklog = true
          else close()
        }
        controller.enqueue(encoder.encode('retry: 1000\n\n'))
        if ('stored' in source) {
          const reset = source.stored()
          backlog = (function* () {
            yield* resetMessages(reset)
            yield frameMessage({ kind: 'end', seq: reset.frame.seq + 1, stats: reset.frame.stats })
          })()
          return finish()
        }
        const { feed } = source
        const missed = lastEventId === null ? null : feed.since(lastEventId)
        if (missed) for (const f of missed) send(frameMessage(f))
        else backlog = resetMessages(feed.reset())
        const ended = feed.ended
        if (ended) {
          if (!missed?.includes(ended)) send(frameMessage(ended))
          return finish()
        }
        const unsubscribe = feed.subscribe((f) => {
          send(frameMessage(f))
          if (f.kind === 'end') finish()
        })
        const ping = setInterval(() => send(encoder.encode(': ping\n\n')), pingEveryMs)
        cleanup = () => {
          unsubscribe()
          clearInterval(ping)
        }
        signal.addEventListener('abort', close, { once: true })
      },
      pull() {
        pump()
      },
      cancel() {
        cleanup()
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 1024 * 1024 }),
  )
}

/** The SSE Last-Event-ID (or `?after=`), when it is a sequence number we could have sent. */
export function lastEventIdOf(request: Request): number | null {
  const raw = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after')
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null
  return Number(raw.trim())
}
