import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { toolEnvironment } from '../services/metrics/environment'
import { accountsCsv, errorsCsv, functionsCsv, txsCsvChunks } from '../services/reporting/csv-tables'
import { reportHtml } from '../services/reporting/html'
import { loadReportData } from '../services/reporting/stored-run'
import type { Db } from '../services/store/db'

export type ReportFilesOptions = {
  /** `--report-csv <dir>`: txs.csv, functions.csv, errors.csv, accounts.csv. */
  csvDir?: string
  /** `--report-html <file>`: the self-contained HTML report. */
  htmlFile?: string
  log: (line: string) => void
}

/** The CSV and HTML reports of a finished run, read back from the store (before it is closed). */
export function writeReportFiles(db: Db, runId: string, o: ReportFilesOptions): void {
  if (!o.csvDir && !o.htmlFile) return
  const data = loadReportData(db, runId)
  if (o.htmlFile) {
    writeFileSync(
      o.htmlFile,
      reportHtml({ ...data, generated: { at: new Date().toISOString(), by: toolEnvironment() } }),
    )
    o.log(`HTML report written to ${o.htmlFile}`)
  }
  if (o.csvDir) {
    mkdirSync(o.csvDir, { recursive: true })
    // Page by page: a million-tx run is never one string.
    const fd = openSync(join(o.csvDir, 'txs.csv'), 'w')
    try {
      for (const chunk of txsCsvChunks(db, runId)) writeSync(fd, chunk)
    } finally {
      closeSync(fd)
    }
    writeFileSync(join(o.csvDir, 'functions.csv'), functionsCsv(data.report.functions))
    writeFileSync(join(o.csvDir, 'errors.csv'), errorsCsv(data.report.errors))
    writeFileSync(join(o.csvDir, 'accounts.csv'), accountsCsv(data.accounts))
    o.log(`CSV reports written to ${o.csvDir} (txs, functions, errors, accounts)`)
  }
}
