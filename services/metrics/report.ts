import type { NodeFork } from '../chain/node-info'
import type { NodeMining } from '../chain/node-mining'
import type { Signing } from '../chain/signer'
import type { TestConfigInput } from '../config/schema'
import type { TxCounts } from '../run-model/counts'
import type { RunSnapshot } from '../run-model/model'
import type { RunStatus } from '../run-model/status'
import type { DistributedSummary, RunOutcome } from '../testing/run-outcome'
import type { EndpointStats } from '../testing/send-router'
import type { ThresholdVerdict } from '../thresholds/evaluate'
import type { ToolEnvironment } from './environment'
import type { FunctionStats } from './functions'
import type { Limit } from './limit'
import type { TxTypeStats } from './tx-type-stats'

/** Added fields keep the version (readers ignore what they do not know); renamed or removed ones bump it. */
export const reportVersion = 1

/** The report written by `--report` and returned by the API: names are a public contract. */
export type RunReport = {
  version: typeof reportVersion
  runId: string
  name: string | null
  status: RunStatus
  counts: TxCounts
  /** planned = mined + reverted + failed + dropped + cancelled + unconfirmed */
  invariantHolds: boolean
  /**
   * Every sender's nonce on chain at the end equals what the report expects of it; null when the
   * chain could not say (the node was lost, or its chain reset). docs/metrics.md#chain-agrees
   */
  chainAgrees: boolean | null
  startedAt: string
  endedAt: string
  /** endedAt − startedAt, pauses included (docs/metrics.md#timing). */
  durationMs: number
  /** Time paused by the user within durationMs; 0 for reports from before it was kept. */
  pausedMs: number
  throughput: RunSnapshot['throughput']
  /** Submit → block seen by the engine. */
  latencyMs: RunSnapshot['latencyMs']
  /** Round trip of the accepted submission request. */
  submitRttMs: RunSnapshot['submitRttMs']
  node: {
    chainId: number
    clientVersion: string
    rpcUrl: string
    embedded: boolean
    /** Block production during the run: automine, interval, engine, or node (left to the node). */
    mining: string
    /** How the node mined on its own, read at the start of the run (before the run set its mode). */
    ownMining: NodeMining
    /** A local Anvil fork: the chain it forked (URL redacted) and the block; null otherwise. */
    fork: NodeFork | null
  }
  blocks: RunSnapshot['blocks']
  accounts: {
    address: string
    kind: 'local' | 'node'
    /** Txs of this account that were included. */
    sent: number
    /** Its pending nonce at the start + sent: what the chain must answer after the run. */
    expectedNonce: number
    /** What the chain answered at the end (eth_getTransactionCount latest). */
    onChainNonce: number | null
    balanceWei: string | null
    lastError: string | null
  }[]
  errors: RunSnapshot['errors']
  warnings: RunSnapshot['warnings']
  gapFills: number
  /** Replacements of txs stuck in the pool (docs/config.md#replacement); all 0 without replaceAfterMs. */
  replacements: RunSnapshot['replacements']
  /** The workload: its contracts, state checks after the run, and what it found. */
  scenario: RunOutcome['scenario'] | null
  /** Per contract function / operation, from the stored tx rows: counts by state, gas, latency. */
  functions: FunctionStats[]
  /** Per transaction type (docs/metrics.md#tx-types), from the stored tx rows. */
  txTypes: TxTypeStats[]
  /** Per send endpoint (docs/metrics.md#endpoints); [] when the run sent to its one node. */
  endpoints: EndpointStats[]
  /** How txs were signed; null when unknown (settled after a crash, or older reports). */
  signing: Signing | null
  /** A distributed run's shards, their accounts and txs, and each worker's turn at them; null in one process. */
  distributed: DistributedSummary | null
  /** What held the throughput back, judged from where the send loop's time went (docs/metrics.md#limit); null when unknown. */
  limit: Limit | null
  /** evm-stress, Node.js and OS that ran the test; null when unknown (settled after a crash). */
  environment: ToolEnvironment | null
  config: TestConfigInput
  /** The config's thresholds at the end of the run (docs/metrics.md#thresholds); [] when it has none. */
  thresholds: ThresholdVerdict[]
  /** Every threshold held and none stopped the run. */
  thresholdsOk: boolean
  /** The abortOnFail threshold that stopped the run, as it stood then; null when none did. */
  thresholdAbort: ThresholdVerdict | null
  error: { code: string; message: string; hint?: string } | null
}

export { invariantHolds } from '../run-model/counts'

/** The senders whose nonce on chain is not what the report expects (read at the end of the run). */
export function nonceMismatches(accounts: RunReport['accounts']): RunReport['accounts'] {
  return accounts.filter((a) => a.onChainNonce !== null && a.onChainNonce !== a.expectedNonce)
}

/** See `RunReport.chainAgrees`. */
export function chainAgreesOf(report: Pick<RunReport, 'accounts' | 'error'>): boolean | null {
  const gone = report.error?.code === 'NODE_LOST' || report.error?.code === 'CHAIN_RESET'
  if (gone || !report.accounts.length || report.accounts.some((a) => a.onChainNonce === null)) return null
  return nonceMismatches(report.accounts).length === 0
}
