import { getRegistry } from '@/services/runs/registry'
import { json, respond } from '../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

/** The node runs go to: reachable or not, with chain id, head block and client version. */
export function GET(): Promise<Response> {
  return respond(async () => json(await getRegistry().nodeStatus()))
}
