import { describeVerdict } from '../thresholds/evaluate'
import type { RunReport } from './report'

/**
 * A run as JUnit XML, the format CI systems show as test results: one testsuite for the run, a
 * testcase per threshold, one for the accounting invariant, one per scenario check, and one that
 * says whether the run completed (so a run that could not start is red even without thresholds).
 */

/** Text and attribute values: the five XML entities, and the control characters XML 1.0 forbids dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to drop
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  )
}

type Case = { classname: string; name: string; failure?: { message: string; type: string }; error?: string }

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('')

function testcase(c: Case): string {
  const open = `    <testcase${attrs({ classname: c.classname, name: c.name, time: 0 })}`
  if (!c.failure && !c.error) return `${open}/>`
  const inner = c.error
    ? `      <error${attrs({ message: c.error, type: 'error' })}/>`
    : `      <failure${attrs({ message: c.failure?.message ?? '', type: c.failure?.type ?? 'failure' })}>${escapeXml(c.failure?.message ?? '')}</failure>`
  return `${open}>\n${inner}\n    </testcase>`
}

const fails = (type: string, message: string) => ({ failure: { type, message } })

function runCase(r: RunReport): Case {
  const base = { classname: 'evm-stress.run', name: 'run completed' }
  if (r.status === 'completed') return base
  if (r.error) return { ...base, error: `${r.status}: ${r.error.message}` }
  const by = r.thresholdAbort ? ` by threshold "${r.thresholdAbort.name}"` : ''
  return { ...base, ...fails('status', `the run ended ${r.status}${by}`) }
}

function casesOf(r: RunReport): Case[] {
  const c = r.counts
  const cases: Case[] = [
    runCase(r),
    {
      classname: 'evm-stress.invariant',
      name: 'all planned txs ended',
      ...(r.invariantHolds
        ? {}
        : fails(
            'invariant',
            `planned ${c.planned} ≠ mined ${c.mined} + reverted ${c.reverted} + failed ${c.failed} + dropped ${c.dropped} + cancelled ${c.cancelled} + unconfirmed ${c.unconfirmed} (still open: ${c.signed + c.submitted})`,
          )),
    },
  ]
  for (const v of r.thresholds ?? [])
    cases.push({
      classname: 'evm-stress.thresholds',
      name: v.name,
      ...(v.ok ? {} : fails('threshold', `expected ${describeVerdict(v)}`)),
    })
  for (const check of r.scenario?.checks ?? [])
    cases.push({
      classname: `evm-stress.scenario.${r.scenario?.name ?? 'scenario'}`,
      name: check.name,
      ...(check.ok ? {} : fails('scenario-check', `expected ${check.expected}, got ${check.actual}`)),
    })
  return cases
}

export function junitXml(r: RunReport): string {
  const cases = casesOf(r)
  const failures = cases.filter((c) => c.failure).length
  const errors = cases.filter((c) => c.error).length
  const seconds = (r.durationMs / 1000).toFixed(3)
  const suite = {
    name: `evm-stress ${r.name ?? r.runId}`,
    tests: cases.length,
    failures,
    errors,
    skipped: 0,
    time: seconds,
    timestamp: r.startedAt,
  }
  const properties = [
    ['runId', r.runId],
    ['status', r.status],
    ['node', `${r.node.clientVersion} (chain ${r.node.chainId})`],
    ['planned', String(r.counts.planned)],
    ['mined', String(r.counts.mined)],
  ]
    .map(([name, value]) => `      <property${attrs({ name: name ?? '', value: value ?? '' })}/>`)
    .join('\n')
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'evm-stress', tests: cases.length, failures, errors, time: seconds })}>`,
    `  <testsuite${attrs(suite)}>`,
    '    <properties>',
    properties,
    '    </properties>',
    ...cases.map(testcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
