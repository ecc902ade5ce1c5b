import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DELETE as deleteRun, GET as getRun } from '../../app/api/runs/[id]/route'
import { GET as compareRuns } from '../../app/api/runs/compare/route'
import { GET as listRuns } from '../../app/api/runs/route'
import type { RunComparison } from '../../services/runs/compare-stored-runs'
import type { CompareRow } from '../../services/runs/metric-deltas'
import { createRegistry, type RunRegistry } from '../../services/runs/registry'
import type { RunSummary } from '../../services/runs/types'
import { withTestNode } from '../helpers/anvil'
import { freshMnemonic, tempDataDir } from '../helpers/run'

const testNode = withTestNode()

// A registry over its own data dir, on globalThis: the route handlers use it as in the server.
const registryKey = Symbol.for('evm-stress.registry')
let registry: RunRegistry
/** Two finished runs of the same config but for the tx count: 100 (baseline) and 200. */
let small: string
let large: string

async function finishedRun(txs: number): Promise<string> {
  const { id } = await registry.startRun({ txs, accounts: 5, mining: 'engine', mnemonic: freshMnemonic() })
  const report = await registry.waitForRun(id)
  expect(report?.status).toBe('completed')
  expect(report?.counts.mined).toBe(txs)
  return id
}

beforeAll(async () => {
  registry = createRegistry({ dataDir: tempDataDir(), rpcUrl: testNode.anvil.rpcUrl })
  ;(globalThis as Record<symbol, unknown>)[registryKey] = registry
  small = await finishedRun(100)
  large = await finishedRun(200)
}, 120_000)

afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[registryKey]
  await registry?.close()
})

async function call<T>(response: Response | Promise<Response>) {
  const r = await response
  return { status: r.status, body: (r.status === 204 ? null : await r.json()) as T }
}
const compare = (query: string) =>
  call<RunComparison & { error?: { message: string; issues?: { field: string }[] } }>(
    compareRuns(new Request(`http://localhost/api/runs/compare?${query}`)),
  )
const ctx = (id: string) => ({ params: Promise.resolve({ id }) })
const rowsOf = (body: RunComparison) => new Map(body.rows.map((r) => [r.metric, r]))

describe('comparing two real runs of different tx counts', () => {
  it('planned and mined are +100 %, and each verdict follows its metric’s direction', async () => {
    const { status, body } = await compare(`base=${small}&run=${large}`)
    expect(status).toBe(200)
    expect(body.base.id).toBe(small)
    expect(body.run.id).toBe(large)
    expect(body.tolerancePct).toBe(5)
    const rows = rowsOf(body)
    expect(rows.get('planned')).toMatchObject({ base: 100, run: 200, deltaPct: 100, better: null, verdict: null })
    expect(rows.get('mined')).toMatchObject({ base: 100, run: 200, deltaPct: 100, better: 'higher', verdict: 'better' })
    expect(rows.get('failed')).toMatchObject({ base: 0, run: 0, deltaPct: 0, verdict: 'same' })
    expect(rows.get('success')).toMatchObject({ base: 100, run: 100, verdict: 'same' })
    for (const m of ['latency-p50', 'latency-p95', 'latency-p99', 'submit-rtt-p95', 'duration'])
      expect(rows.get(m)?.better, m).toBe('lower')
    for (const m of ['sent-rate', 'mined-rate', 'block-fullness']) expect(rows.get(m)?.better, m).toBe('higher')
    for (const m of ['latency-p95', 'mined-rate', 'duration', 'submit-rtt-p95', 'block-fullness'])
      expect(rows.get(m)?.base, m).not.toBeNull()

    // Per-function gas, matched by label: plain ETH transfers cost 21,000 in both runs.
    const gas = body.rows.filter((r) => r.unit === 'gas')
    expect(gas.map((r) => r.metric.split(':')[0])).toEqual(['gas-avg', 'gas-p95'])
    for (const r of gas) expect(r).toMatchObject({ base: 21_000, run: 21_000, deltaPct: 0, verdict: 'same' })

    // Whatever the numbers of these runs were, each verdict is what its direction says.
    for (const r of body.rows) expect(r.verdict, r.metric).toBe(expectedVerdict(r, 5))

    // Both series came from SQLite: per-second points, the mined ones adding up to the counts.
    const mined = (s: RunComparison['series']['base']) => s.reduce((n, p) => n + p.mined, 0)
    expect(mined(body.series.base)).toBe(100)
    expect(mined(body.series.run)).toBe(200)
  })

  it('the other way round the deltas invert: planned −50 %, mined worse', async () => {
    const rows = rowsOf((await compare(`base=${large}&run=${small}`)).body)
    expect(rows.get('planned')).toMatchObject({ deltaPct: -50, verdict: null })
    expect(rows.get('mined')).toMatchObject({ deltaPct: -50, verdict: 'worse' })
  })

  it('the tolerance is a query parameter: a wide one makes every ratio "same"', async () => {
    const { body } = await compare(`base=${small}&run=${large}&tolerance=150`)
    expect(body.tolerancePct).toBe(150)
    for (const r of body.rows) expect(r.verdict, r.metric).toBe(expectedVerdict(r, 150))
    expect(rowsOf(body).get('mined')?.verdict).toBe('same')
  })

  it('bad input names the field: 400 for a missing id or a bad tolerance, 404 for an unknown run', async () => {
    const missing = await compare(`base=${small}`)
    expect(missing.status).toBe(400)
    expect(missing.body.error?.issues?.map((i) => i.field)).toEqual(['run'])
    const tolerance = await compare(`base=${small}&run=${large}&tolerance=lots`)
    expect(tolerance.status).toBe(400)
    expect(tolerance.body.error?.issues?.map((i) => i.field)).toEqual(['tolerance'])
    const unknown = await compare(`base=nope&run=${large}`)
    expect(unknown.status).toBe(404)
    expect(unknown.body.error?.message).toMatch(/^base: no run with id nope/)
  })
})

describe('deleting runs', () => {
  const count = (table: string, id: string) =>
    (registry.db().prepare(`SELECT COUNT(*) n FROM ${table} WHERE run_id = ?`).get(id) as { n: number }).n

  it('a finished run goes, with its txs and events; then it is a 404', async () => {
    expect(count('txs', small)).toBe(100)
    expect(count('run_events', small)).toBeGreaterThan(0)
    const res = await call<{ deleted: RunSummary }>(deleteRun(new Request('http://localhost'), ctx(small)))
    expect(res.status).toBe(200)
    expect(res.body.deleted).toMatchObject({ id: small, status: 'completed' })
    expect(count('txs', small)).toBe(0)
    expect(count('run_events', small)).toBe(0)
    expect(count('errors', small)).toBe(0)
    const list = await call<{ runs: RunSummary[] }>(listRuns())
    expect(list.body.runs.map((r) => r.id)).toEqual([large])
    expect((await getRun(new Request('http://localhost'), ctx(small))).status).toBe(404)
    expect((await deleteRun(new Request('http://localhost'), ctx(small))).status).toBe(404)
    // The other run's records are untouched.
    expect(count('txs', large)).toBe(200)
    expect((await compare(`base=${small}&run=${large}`)).status).toBe(404)
  })

  it('a live run is refused with 409 and kept', async () => {
    const { id } = await registry.startRun({
      mode: 'sequential',
      txs: 1000,
      accounts: 1,
      delayMs: 1000,
      mnemonic: freshMnemonic(),
    })
    const res = await call<{ error: { code: string } }>(deleteRun(new Request('http://localhost'), ctx(id)))
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('CONFLICT')
    expect(registry.getRun(id).id).toBe(id)
    registry.stopRun(id)
    await registry.waitForRun(id)
    expect((await deleteRun(new Request('http://localhost'), ctx(id))).status).toBe(200)
  })
})

/** What a row's verdict must be for its numbers and direction (the rule of docs/metrics.md). */
function expectedVerdict(r: CompareRow, tolerancePct: number): CompareRow['verdict'] {
  if (r.better === null || r.base === null || r.run === null) return null
  if (r.deltaPct !== null && Math.abs(r.deltaPct) <= tolerancePct) return 'same'
  return r.run > r.base === (r.better === 'higher') ? 'better' : 'worse'
}
