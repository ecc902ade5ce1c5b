import { getRegistry } from '@/services/runs/registry'
import { readJsonBody } from '../../_lib/read-json'
import { json, respond } from '../../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ id: string }> }

export function GET(_request: Request, context: Context): Promise<Response> {
  return respond(async () => json(getRegistry().getTest((await context.params).id)))
}

/** Replaces the saved test's config (and name) with the body, checked as on creation. */
export function PUT(request: Request, context: Context): Promise<Response> {
  return respond(async () => {
    const { id } = await context.params
    return json(getRegistry().updateTest(id, await readJsonBody(request)))
  })
}

export function DELETE(_request: Request, context: Context): Promise<Response> {
  return respond(async () => json(getRegistry().deleteTest((await context.params).id)))
}
