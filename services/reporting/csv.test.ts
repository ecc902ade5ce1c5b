import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../../test/helpers/run'
import { insertSyntheticRun } from '../../test/helpers/synthetic-run'
import { openDb } from '../store/db'
import type { TxDbRow } from '../store/tx-rows'
import { csvCell, csvLine, parseCsv } from './csv'
import { csvChunks, txsCsvChunks } from './csv-tables'

describe('csvCell', () => {
  it('quotes what needs quoting and doubles quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(-3)).toBe('-3')
  })

  it('keeps a spreadsheet from running text as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
  })

  it('parses back what it wrote', () => {
    const values = ['a', 'b,c', 'd "e"', 'f\r\ng', '', '0x12']
    expect(parseCsv(csvLine(values) + csvLine(['x']))).toEqual([values, ['x']])
  })
})

describe('the txs CSV', () => {
  it('has a header and one row per stored tx, in pages, with the stored values', () => {
    const db = openDb(tempDataDir())
    insertSyntheticRun(db, { id: 'r', txs: 12_345, accounts: 7, seconds: 30 })
    const chunks = [...txsCsvChunks(db, 'r', 5_000)]
    // Header, then 12,350 rows (5 gap fills) in pages of 5,000.
    expect(chunks).toHaveLength(4)
    const [header, ...rows] = parseCsv(chunks.join(''))
    const stored = db.prepare<[], TxDbRow>("SELECT * FROM txs WHERE run_id = 'r' ORDER BY idx").all()
    expect(rows).toHaveLength(stored.length)
    expect(stored).toHaveLength(12_350)
    for (const [i, row] of rows.entries()) {
      const record = Object.fromEntries((header ?? []).map((h, j) => [h, row[j]]))
      const s = stored[i] as TxDbRow
      expect(Number(record.idx)).toBe(s.idx)
      expect(record.hash).toBe(s.hash ?? '')
      expect(record.state).toBe(s.state)
      expect(record.gas_used).toBe(s.gas_used ?? '')
      expect(record.latency_ms).toBe(s.latency_ms === null ? '' : String(s.latency_ms))
      // Error messages with quotes, commas and newlines come back whole (a formula guard aside).
      expect(record.error_message?.replace(/^'(?=[=+\-@])/, '')).toBe(s.error_message ?? '')
    }
    db.close()
  })

  it('refuses a run without a report', () => {
    const db = openDb(tempDataDir())
    expect(() => [...csvChunks(db, 'nope', 'txs')]).toThrow(/No run with id nope/)
    db.close()
  })
})
