/**
 * Writes docs/report.schema.json from services/metrics/report-schema.ts. Run: npm run report:schema
 * The unit test services/metrics/report-schema.test.ts fails when the file is stale.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { reportSchemaFileText, reportSchemaPath } from '../services/metrics/report-schema-file'

const target = fileURLToPath(new URL(`../${reportSchemaPath}`, import.meta.url))
writeFileSync(target, reportSchemaFileText())
console.log(`wrote ${reportSchemaPath}`)
