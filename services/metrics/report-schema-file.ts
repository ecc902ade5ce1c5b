import { reportJsonSchema } from './report-schema'

/** Where the generated JSON Schema of the report is checked in (relative to the repo root). */
export const reportSchemaPath = 'docs/report.schema.json'

/** The file's exact text: `npm run report:schema` writes it, a unit test fails when it is stale. */
export function reportSchemaFileText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`
}
