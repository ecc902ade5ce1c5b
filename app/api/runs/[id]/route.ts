import { getRegistry } from '@/services/runs/registry'
import { json, respond } from '../../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ id: string }> }

export function GET(_request: Request, context: Context): Promise<Response> {
  return respond(async () => {
    const { id } = await context.params
    return json(getRegistry().getRun(id))
  })
}

/** Deletes a finished run and its records; 409 while it is live. Answers with what was deleted. */
export function DELETE(_request: Request, context: Context): Promise<Response> {
  return respond(async () => {
    const { id } = await context.params
    return json({ deleted: getRegistry().deleteRun(id) })
  })
}
