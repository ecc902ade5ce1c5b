import type { RunReport } from '../services/metrics/report'
import { describeVerdict } from '../services/thresholds/evaluate'
import { expressionOf } from '../services/thresholds/schema'

/** The summary's thresholds block: a count, then every threshold (✗ failed first), then what aborted the run. */
export function thresholdLines(r: RunReport): string[] {
  const verdicts = r.thresholds ?? []
  if (!verdicts.length) return []
  const failed = verdicts.filter((v) => !v.ok)
  const lines = [
    '',
    `  thresholds: ${failed.length ? `${failed.length} of ${verdicts.length} FAILED` : `all ${verdicts.length} passed`}`,
  ]
  for (const v of [...failed, ...verdicts.filter((x) => x.ok)]) {
    const named = v.name === expressionOf(v) ? '' : `${v.name}: `
    lines.push(
      `    ${v.ok ? '✓' : '✗'} ${named}${describeVerdict(v)}${v.ok || !v.reason || v.actual === null ? '' : ` (${v.reason})`}`,
    )
  }
  if (r.thresholdAbort)
    lines.push(`  stopped by threshold "${r.thresholdAbort.name}": ${describeVerdict(r.thresholdAbort)} (abortOnFail)`)
  return lines
}
