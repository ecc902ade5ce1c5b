import { getRegistry } from '@/services/runs/registry'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

/**
 * Prometheus scrape target (docs/metrics.md#prometheus): the runs of this server, in the text
 * format. Behind the same host check and access token as the API (proxy.ts).
 */
export async function GET(): Promise<Response> {
  const { prometheus } = getRegistry()
  return new Response(await prometheus.metrics(), {
    headers: { 'content-type': prometheus.contentType, 'cache-control': 'no-store' },
  })
}
