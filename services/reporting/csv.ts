/** A CSV cell: text, a number, or empty (null). */
export type CsvValue = string | number | boolean | null | undefined

/**
 * Text a spreadsheet would run as a formula ("=HYPERLINK(…)" in a node's error message) gets a
 * leading apostrophe; numbers are written as they are (a gap fill's idx is negative).
 */
const formulaStart = /^[=+\-@\t\r]/

/** One cell, RFC 4180: quoted when it holds a comma, quote, CR or LF, with quotes doubled. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = formulaStart.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record, CRLF-terminated (RFC 4180). */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}

/** A column: its header and how to read it from a row. */
export type CsvColumn<T> = readonly [header: string, read: (row: T) => CsvValue]

/** A whole (small) table: header line, then one line per row. */
export function csvTable<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  let out = csvLine(columns.map(([h]) => h))
  for (const r of rows) out += csvLine(columns.map(([, read]) => read(r)))
  return out
}

/**
 * Parses CSV text back into records (RFC 4180: quoted cells, doubled quotes, CRLF). For tests and
 * for anyone checking a file; the apostrophe that guards a formula is left in place.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      record.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      record.push(cell)
      records.push(record)
      record = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || record.length) {
    record.push(cell)
    records.push(record)
  }
  return records
}
