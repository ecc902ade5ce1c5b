import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { tempDataDir } from '../../test/helpers/run'
import { insertSyntheticRun } from '../../test/helpers/synthetic-run'
import { openDb } from '../store/db'
import { runReportSchema } from './report-schema'
import { reportSchemaFileText, reportSchemaPath } from './report-schema-file'

const committed = () => readFileSync(fileURLToPath(new URL(`../../${reportSchemaPath}`, import.meta.url)), 'utf8')

describe('the report schema', () => {
  it(`is what ${reportSchemaPath} says (run \`npm run report:schema\` after changing it)`, () => {
    expect(committed()).toBe(reportSchemaFileText())
  })

  it('accepts a report, through zod and through the JSON Schema file itself', () => {
    const db = openDb(tempDataDir())
    const report = JSON.parse(JSON.stringify(insertSyntheticRun(db, { txs: 200, accounts: 4, seconds: 10 })))
    report.config = { ...report.config, value: '1', retries: 3 }
    expect(runReportSchema.safeParse(report).error).toBeUndefined()
    expect(z.fromJSONSchema(JSON.parse(committed())).safeParse(report).error).toBeUndefined()
    db.close()
  })

  it('refuses a report with a secret in its config, or a field it does not name', () => {
    const db = openDb(tempDataDir())
    const report = JSON.parse(JSON.stringify(insertSyntheticRun(db, { txs: 20, accounts: 2, seconds: 3 })))
    const withKey = { ...report, config: { ...report.config, mnemonic: 'test test test' } }
    expect(runReportSchema.safeParse(withKey).success).toBe(false)
    expect(runReportSchema.safeParse({ ...report, surprise: 1 }).success).toBe(false)
    db.close()
  })
})
