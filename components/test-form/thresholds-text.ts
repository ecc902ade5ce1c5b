/**
 * The thresholds textarea: one compact expression per line (`latency.p95 < 2000`), or a JSON list
 * when some need the object form (`abortOnFail`, `name`). Either way the server's schema checks it.
 */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `{metric, op, value}` and nothing else: writable as one line. */
const plain = (t: unknown): t is { metric: string; op: string; value: number } =>
  isRecord(t) && Object.keys(t).every((k) => k === 'metric' || k === 'op' || k === 'value')

/** A config's thresholds as the textarea shows them. */
export function thresholdsToText(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (!Array.isArray(value)) return typeof value === 'string' ? value : JSON.stringify(value)
  const lines = value.map((t) => (plain(t) ? `${t.metric} ${t.op} ${t.value}` : t))
  if (lines.every((l) => typeof l === 'string' && !l.includes('\n'))) return lines.join('\n')
  return `[\n${lines.map((l) => `  ${JSON.stringify(l)}`).join(',\n')}\n]`
}

/** What was typed → the config's `thresholds`: a JSON list as JSON, else one expression per non-blank line. */
export function textToThresholds(text: string): unknown {
  const t = text.trim()
  if (!t) return undefined
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      return JSON.parse(t)
    } catch {
      return t // not JSON: sent as typed, so the schema names the field
    }
  }
  return t
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}
