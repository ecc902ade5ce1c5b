import { toolEnvironment } from '@/services/metrics/environment'
import { reportFileName } from '@/services/reporting/file-name'
import { reportHtml } from '@/services/reporting/html'
import { loadReportData } from '@/services/reporting/stored-run'
import { getRegistry } from '@/services/runs/registry'
import { respond } from '../../../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ id: string }> }

/** The run as one self-contained HTML file (charts, tables, config; no per-tx rows), as a download. */
export function GET(_request: Request, context: Context): Promise<Response> {
  return respond(async () => {
    const { id } = await context.params
    const data = loadReportData(getRegistry().db(), id)
    const html = reportHtml({ ...data, generated: { at: new Date().toISOString(), by: toolEnvironment() } })
    return new Response(html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-disposition': `attachment; filename="${reportFileName(data.report, 'html')}"`,
        'cache-control': 'no-store',
        // Served from our origin: the file's own CSP (no scripts, no requests) applies here too.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      },
    })
  })
}
