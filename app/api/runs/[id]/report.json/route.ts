import { loadReport } from '@/services/reporting/stored-run'
import { getRegistry } from '@/services/runs/registry'
import { json, respond } from '../../../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ id: string }> }

/** The run's JSON report (docs/report.schema.json), as the CLI's --report writes it; 409 until the run ends. */
export function GET(_request: Request, context: Context): Promise<Response> {
  return respond(async () => {
    const { id } = await context.params
    return json(loadReport(getRegistry().db(), id).report)
  })
}
