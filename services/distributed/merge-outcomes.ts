import type { TxErrorKind } from '../errors/tx-error'
import { emptyCounts, type TxCounts } from '../run-model/counts'
import type { PaceStats } from '../testing/pace-meter'
import type { RunOutcome } from '../testing/run-outcome'
import type { EndpointStats } from '../testing/send-router'

/**
 * The shards' outcomes as one run's (docs/distributed.md#report): counts, gap fills and signing
 * add up; per endpoint, sends and errors add up and the round-trip percentiles are the worst
 * shard's; the pace is the mean shard's, with the generators' cores summed; a scenario's checks
 * are each shard's, named by shard.
 */
export function mergeOutcomes(outcomes: ReadonlyArray<{ shard: number; outcome: RunOutcome }>) {
  const all = outcomes.map((o) => o.outcome)
  const counts = emptyCounts()
  for (const o of all) for (const k of Object.keys(counts) as Array<keyof TxCounts>) counts[k] += o.counts[k]
  const paces = all.map((o) => o.pace).filter((x): x is PaceStats => x !== undefined)
  const mean = (f: (p: PaceStats) => number) => Math.round(paces.reduce((s, p) => s + f(p), 0) / paces.length)
  const pace: PaceStats | undefined = paces.length
    ? {
        sendingMs: mean((p) => p.sendingMs),
        waitedOnNodeMs: mean((p) => p.waitedOnNodeMs),
        waitedOnRateMs: mean((p) => p.waitedOnRateMs),
        waitedOnDelayMs: mean((p) => p.waitedOnDelayMs),
        mainThreadBusy: paces.reduce((s, p) => s + p.mainThreadBusy, 0) / paces.length,
        cpuCores: paces.reduce((s, p) => s + p.cpuCores, 0),
        generators: paces.length,
      }
    : undefined
  const first = all[0]
  const named = outcomes.length > 1
  return {
    counts,
    gapFills: all.reduce((n, o) => n + o.gapFills, 0),
    endpoints: mergeEndpoints(all.map((o) => o.endpoints)),
    signedInWorkers: all.reduce((n, o) => n + o.signing.signedInWorkers, 0),
    pace,
    lastErrors: new Map(
      all.flatMap((o) => o.senders.map((s) => [s.address.toLowerCase(), s.final?.lastError ?? null] as const)),
    ),
    scenario: {
      name: first?.scenario.name ?? 'transfer',
      contracts: Object.fromEntries(
        outcomes.flatMap(({ shard, outcome }) =>
          Object.entries(outcome.scenario.contracts).map(([k, v]) => [named ? `${k} (shard ${shard})` : k, v]),
        ),
      ),
      checks: outcomes.flatMap(({ shard, outcome }) =>
        outcome.scenario.checks.map((c) => (named ? { ...c, name: `shard ${shard}: ${c.name}` } : c)),
      ),
      findings: first?.scenario.findings ?? {},
      ...(first?.scenario.setup && { setup: first.scenario.setup }),
    },
  }
}

function mergeEndpoints(lists: EndpointStats[][]): EndpointStats[] {
  const by = new Map<number, EndpointStats>()
  const worst = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b))
  for (const list of lists)
    for (const e of list) {
      const m = by.get(e.index)
      if (!m) {
        by.set(e.index, { ...e, errors: { ...e.errors }, submitRttMs: { ...e.submitRttMs } })
        continue
      }
      m.sent += e.sent
      m.accepted += e.accepted
      m.downs += e.downs
      for (const [k, n] of Object.entries(e.errors) as Array<[TxErrorKind, number]>)
        m.errors[k] = (m.errors[k] ?? 0) + n
      m.submitRttMs = {
        p50: worst(m.submitRttMs.p50, e.submitRttMs.p50),
        p95: worst(m.submitRttMs.p95, e.submitRttMs.p95),
      }
    }
  return [...by.values()].sort((a, b) => a.index - b.index)
}
