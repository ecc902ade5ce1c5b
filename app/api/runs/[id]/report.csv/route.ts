import { ConfigError } from '@/services/errors/base'
import { type CsvTable, csvChunks, csvTables } from '@/services/reporting/csv-tables'
import { reportFileName } from '@/services/reporting/file-name'
import { loadReport } from '@/services/reporting/stored-run'
import { textStream } from '@/services/reporting/text-stream'
import { getRegistry } from '@/services/runs/registry'
import { respond } from '../../../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ id: string }> }

/** One table of a finished run as CSV (`?table=txs|functions|errors|accounts`, default txs), streamed. */
export function GET(request: Request, context: Context): Promise<Response> {
  return respond(async () => {
    const { id } = await context.params
    const table = new URL(request.url).searchParams.get('table') ?? 'txs'
    if (!(csvTables as readonly string[]).includes(table))
      throw new ConfigError([{ field: 'table', message: `must be one of: ${csvTables.join(', ')}` }], {
        hint: 'e.g. GET /api/runs/<id>/report.csv?table=functions',
      })
    const db = getRegistry().db()
    const { report } = loadReport(db, id)
    const chunks = csvChunks(db, id, table as CsvTable)
    const name = reportFileName(report, `${table}.csv`)
    return new Response(textStream(chunks), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
      },
    })
  })
}
