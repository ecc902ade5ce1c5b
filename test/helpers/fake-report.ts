import type { RunReport } from '../../services/metrics/report'
import { emptyCounts } from '../../services/run-model/counts'
import { noReplacements } from '../../services/run-model/model'
import { evaluateFinal } from '../../services/thresholds/evaluate'

/** A finished run's report with just what JUnit reads. */
export function fakeReport(over: Partial<RunReport> = {}): RunReport {
  const counts = { ...emptyCounts(50), mined: 50 }
  const numbers = {
    counts,
    throughput: { sentPerSec: 900, minedPerSec: 700 },
    latencyMs: { p50: 40, p95: 60, p99: 60 },
    submitRttMs: { p50: 10, p95: 12, p99: 12 },
    blocks: { count: 1, gasUsed: '1050000', ourTxs: 50, avgFullness: 0.035 },
    errors: [],
  }
  const thresholds = evaluateFinal(
    [
      { metric: 'count.mined', op: '>=', value: 50 },
      { metric: 'throughput.mined', op: '>', value: 1_000_000, name: 'fast <enough> & "quoted"' },
    ],
    numbers,
  )
  return {
    runId: 'run-1',
    name: null,
    status: 'completed',
    invariantHolds: true,
    chainAgrees: true,
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: '2025-01-01T00:00:01.500Z',
    durationMs: 1500,
    pausedMs: 0,
    node: {
      chainId: 31337,
      clientVersion: 'anvil/v1.7.1',
      rpcUrl: '',
      embedded: true,
      mining: 'engine',
      ownMining: { kind: 'automine' },
      fork: null,
    },
    accounts: [],
    warnings: [],
    gapFills: 0,
    replacements: noReplacements(),
    txTypes: [],
    endpoints: [],
    signing: null,
    distributed: null,
    limit: null,
    scenario: null,
    config: {},
    error: null,
    thresholds,
    thresholdsOk: false,
    thresholdAbort: null,
    ...numbers,
    ...over,
  } as RunReport
}
