import { describe, expect, it } from 'vitest'
import { fakeReport } from '../../test/helpers/fake-report'
import { emptyCounts } from '../run-model/counts'
import { escapeXml, junitXml } from './junit'
import type { RunReport } from './report'

/** Well-formed enough for a CI parser: one root, every element closed in order, attributes quoted, no raw `<&`. */
function expectWellFormed(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true)
  const body = xml.replace(/^<\?xml[^>]*\?>/, '')
  const stack: string[] = []
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>/g
  const tags = [...body.matchAll(tag)]
  // Every `<` opens a tag the pattern accepts: an unquoted or unescaped attribute would not match.
  expect(tags.length).toBe(body.split('<').length - 1)
  for (const m of tags) {
    const [, close, name, , selfClosing] = m
    if (close) expect(stack.pop()).toBe(name)
    else if (!selfClosing) stack.push(name as string)
  }
  expect(stack).toEqual([])
  // Outside tags, text holds no bare < or & (every one is an entity).
  const text = body.replace(/<[^>]*>/g, '')
  expect(text).not.toMatch(/<|&(?!(amp|lt|gt|quot|apos);)/)
}

describe('JUnit XML of a run', () => {
  it('escapes the five entities and drops characters XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;')
    expect(escapeXml('bell\u0007 tab\t nl\n')).toBe('bell tab\t nl\n')
  })

  it('a testcase per threshold (failure with actual vs expected), plus the run and the accounting', () => {
    const xml = junitXml(fakeReport())
    expectWellFormed(xml)
    expect(xml).toContain('<testsuite name="evm-stress run-1" tests="4" failures="1" errors="0"')
    expect(xml).toContain('<testcase classname="evm-stress.run" name="run completed" time="0"/>')
    expect(xml).toContain('<testcase classname="evm-stress.invariant" name="all planned txs ended" time="0"/>')
    expect(xml).toContain('<testcase classname="evm-stress.thresholds" name="count.mined &gt;= 50" time="0"/>')
    expect(xml).toContain('name="fast &lt;enough&gt; &amp; &quot;quoted&quot;"')
    expect(xml).toMatch(
      /<failure message="expected throughput.mined &gt; 1000000 tx\/s, actual 700 tx\/s" type="threshold">expected throughput.mined &gt; 1000000 tx\/s, actual 700 tx\/s<\/failure>/,
    )
  })

  it('scenario checks, a broken accounting, a stopped or failed run', () => {
    const scenario = {
      name: 'rapid-transfer',
      contracts: {},
      findings: {},
      checks: [
        { name: 'balance of <0xab>', ok: true, expected: '1', actual: '1' },
        { name: 'total supply', ok: false, expected: '10', actual: '9' },
      ],
    } as unknown as RunReport['scenario']
    const stopped = junitXml(
      fakeReport({
        status: 'stopped',
        scenario,
        invariantHolds: false,
        counts: { ...emptyCounts(50), mined: 40, submitted: 1 },
        thresholds: [],
        thresholdAbort: { name: 'no failures' } as RunReport['thresholdAbort'],
      }),
    )
    expectWellFormed(stopped)
    expect(stopped).toContain('tests="4" failures="3"')
    expect(stopped).toContain('message="the run ended stopped by threshold &quot;no failures&quot;" type="status"')
    expect(stopped).toContain('type="invariant"')
    expect(stopped).toContain('name="balance of &lt;0xab&gt;" time="0"/>')
    expect(stopped).toContain('<failure message="expected 10, got 9" type="scenario-check">')
    const failed = junitXml(
      fakeReport({ status: 'failed', thresholds: [], error: { code: 'X', message: 'node gone' } }),
    )
    expectWellFormed(failed)
    expect(failed).toContain('<error message="failed: node gone" type="error"/>')
    expect(failed).toContain('failures="0" errors="1"')
  })
})
