import type { TestConfigInput } from '../config/schema'
import type { RunStatus } from '../run-model/status'

export type { RunStatus }

import type { Limit } from '../metrics/limit'
import type { TxCounts } from '../run-model/counts'

/** What the API and the pages see of a run: plain JSON, no secrets, bigints as strings. */
export type RunSummary = {
  id: string
  name: string | null
  status: RunStatus
  /** The config as given, without the mnemonic. */
  config: TestConfigInput
  counts: TxCounts
  /** Sender accounts the run used (its report's); null until it has a report. */
  senders?: number | null
  createdAt: number
  startedAt: number | null
  endedAt: number | null
  durationMs: number | null
  mining: string | null
  chainId: number | null
  throughput: { sentPerSec: number; minedPerSec: number }
  latencyMs: { p50: number | null; p95: number | null; p99: number | null }
  /** What held the throughput back (the report's); null until the run has a report, or when unknown. */
  limit: Limit | null
  /** The run's report is written: its numbers are final. */
  reported: boolean
  error: { code: string; message: string; hint?: string } | null
}

export type NodeStatus = {
  /** Scheme, host and port only. */
  rpcUrl: string
  embedded: boolean
  reachable: boolean
  chainId: number | null
  blockNumber: string | null
  clientVersion: string | null
  isAnvil: boolean
  automine: boolean | null
  error: string | null
}
