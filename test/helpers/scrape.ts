import { expect } from 'vitest'

/** One sample line: `name{label="value",…} value`. */
export type Sample = { name: string; labels: Record<string, string>; value: number }
export type Family = { name: string; type: string; help: string; samples: Sample[] }

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const labelPair = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y

/**
 * A strict reader of Prometheus' text exposition format 0.0.4 (prometheus.io/docs/instrumenting/
 * exposition_formats): every line is HELP, TYPE or a sample of the family TYPE announced; label
 * values unescaped; histograms checked whole (buckets cumulative, `+Inf` = `_count`, a `_sum`).
 * Anything else fails the test: the format is part of what is tested.
 */
export function parsePrometheusText(text: string): Family[] {
  const families = new Map<string, Family>()
  let current: Family | undefined
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    const meta = line.match(/^# (HELP|TYPE) (\S+) ?(.*)$/)
    if (meta) {
      const [, kind, name = '', rest = ''] = meta
      expect(name).toMatch(metricName)
      const family = families.get(name) ?? { name, type: 'untyped', help: '', samples: [] }
      families.set(name, family)
      if (kind === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(rest)
        family.type = rest
      } else family.help = rest
      current = family
      continue
    }
    expect(line.startsWith('#'), `unknown comment: ${line}`).toBe(false)
    const m = line.match(/^([^{\s]+)(?:\{(.*)\})? (\S+)(?: \d+)?$/)
    expect(m, `not a sample line: ${line}`).not.toBeNull()
    const [, name = '', body = '', raw = ''] = m as RegExpMatchArray
    expect(name).toMatch(metricName)
    const labels: Record<string, string> = {}
    labelPair.lastIndex = 0
    while (labelPair.lastIndex < body.length) {
      const pair = labelPair.exec(body)
      expect(pair, `bad labels in: ${line}`).not.toBeNull()
      const [, key = '', value = ''] = pair as RegExpExecArray
      labels[key] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))
    }
    const value = raw === '+Inf' ? Number.POSITIVE_INFINITY : raw === '-Inf' ? Number.NEGATIVE_INFINITY : Number(raw)
    expect(Number.isNaN(value) && raw !== 'NaN', `bad value in: ${line}`).toBe(false)
    const base = current?.type === 'histogram' ? name.replace(/_(bucket|sum|count)$/, '') : name
    expect(base, `sample outside its family: ${line}`).toBe(current?.name)
    current?.samples.push({ name, labels, value })
  }
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f)
  return [...families.values()]
}

function checkHistogram(f: Family) {
  const series = new Map<string, Sample[]>()
  for (const s of f.samples) {
    const { le: _le, ...rest } = s.labels
    const key = JSON.stringify(Object.entries(rest).sort())
    series.set(key, [...(series.get(key) ?? []), s])
  }
  for (const samples of series.values()) {
    const buckets = samples.filter((s) => s.name.endsWith('_bucket'))
    const les = buckets.map((s) => Number(s.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : s.labels.le))
    expect(les).toEqual([...les].sort((a, b) => a - b))
    for (let i = 1; i < buckets.length; i++)
      expect((buckets[i] as Sample).value).toBeGreaterThanOrEqual((buckets[i - 1] as Sample).value)
    const count = samples.find((s) => s.name.endsWith('_count'))
    expect(buckets.at(-1)?.labels.le).toBe('+Inf')
    expect(buckets.at(-1)?.value).toBe(count?.value)
    expect(samples.some((s) => s.name.endsWith('_sum'))).toBe(true)
  }
}

/** One scrape, read strictly. */
export async function scrape(url: string): Promise<Family[]> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`scrape ${url}: HTTP ${res.status}`)
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return parsePrometheusText(await res.text())
}

/** The summed value of a family's samples (a histogram's `_count`s) whose labels include `match`. */
export function total(families: Family[], name: string, match: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name)
  const wanted = family?.type === 'histogram' ? `${name}_count` : name
  return (family?.samples ?? [])
    .filter((s) => s.name === wanted && Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0)
}
