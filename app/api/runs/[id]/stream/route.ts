import { lastEventIdOf, runEventStream } from '@/services/live/sse'
import { getRegistry } from '@/services/runs/registry'
import { respond } from '../../../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ id: string }> }

/**
 * The run's live stream (Server-Sent Events, see services/live/frames.ts): a reconnecting client
 * sends Last-Event-ID and gets what it missed; a new one gets the whole history first.
 */
export function GET(request: Request, context: Context): Promise<Response> {
  return respond(async () => {
    const { id } = await context.params
    const source = getRegistry().streamSource(id)
    return new Response(runEventStream(source, lastEventIdOf(request), request.signal), {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        connection: 'keep-alive',
        // Compression would hold events back until a buffer fills.
        'content-encoding': 'none',
        'x-accel-buffering': 'no',
      },
    })
  })
}
