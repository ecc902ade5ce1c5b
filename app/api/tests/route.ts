import { getRegistry } from '@/services/runs/registry'
import { readJsonBody } from '../_lib/read-json'
import { json, respond } from '../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

/** Saved tests, most recently changed first. */
export function GET(): Promise<Response> {
  return respond(() => json({ tests: getRegistry().listTests() }))
}

/** Saves a test config (it needs a `name`); it is checked like a run's and kept without secrets. */
export function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const test = getRegistry().saveTest(await readJsonBody(request))
    return json(test, 201, { location: `/api/tests/${encodeURIComponent(test.id)}` })
  })
}
