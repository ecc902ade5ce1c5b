import { type Hex, hexToBigInt } from 'viem'
import type { NodeHandle } from '../chain/node-handle'
import { unknownMining } from '../chain/node-mining'
import { shareableConfig } from '../config/parse'
import { ConflictError } from '../errors/base'
import { noReplacements } from '../metrics/aggregator'
import { functionStats } from '../metrics/functions'
import { percentiles } from '../metrics/percentiles'
import { invariantHolds, type RunReport, reportVersion } from '../metrics/report'
import { txTypeStats } from '../metrics/tx-type-stats'
import type { Db } from '../store/db'
import { createRunsRepo, type RunRow } from '../store/runs-repo'
import { readTxStatRows } from '../store/stat-rows'
import { emptyCounts, type TxCounts } from '../testing/ledger'
import type { TxState } from '../testing/tx'
import { failAll } from '../thresholds/evaluate'
import { thresholdsSchema } from '../thresholds/schema'

type Receipt = { status: Hex; blockNumber: Hex; gasUsed: Hex } | null

/**
 * Gives every planned tx of a run a crash interrupted its one terminal state, from the chain:
 * open txs with a receipt are mined/reverted; the others are dropped (taken out of Anvil's pool,
 * so they cannot be mined later); txs never sent are cancelled with `cancelReason`. Returns the
 * indexes of those never sent (a continuation sends them).
 */
export async function settleInterrupted(db: Db, row: RunRow, node: NodeHandle, cancelReason: string) {
  if (row.status !== 'interrupted') throw new ConflictError(`Run ${row.id} is ${row.status}, not interrupted`)
  if (row.chain_id !== null && row.chain_id !== node.info.chainId)
    throw new ConflictError(`Run ${row.id} ran on chain ${row.chain_id}; the node is on chain ${node.info.chainId}`, {
      hint: 'Point the server at the node the run used (EVM_STRESS_RPC_URL).',
    })
  const repo = createRunsRepo(db)
  const rows = repo.txs(row.id).filter((t) => t.role === 'planned')
  const open = rows.filter((t) => t.state === 'signed' || t.state === 'submitted')
  const receipts = (await Promise.all(
    open.map((t) => (t.hash ? node.conn.request('eth_getTransactionReceipt', [t.hash]) : Promise.resolve(null))),
  )) as Receipt[]
  for (const [i, t] of open.entries()) {
    const receipt = receipts[i]
    if (receipt) {
      t.state = receipt.status === '0x1' ? 'mined' : 'reverted'
      repo.settleTx(row.id, t.idx, {
        state: t.state,
        block_number: Number(hexToBigInt(receipt.blockNumber)),
        gas_used: hexToBigInt(receipt.gasUsed).toString(),
      })
      continue
    }
    if (t.hash && node.info.isAnvil) await node.conn.request('anvil_dropTransaction', [t.hash]).catch(() => undefined)
    // Recorded but never answered (the crash came during its send): not sent, as far as anyone knows.
    const unsent = t.state === 'signed'
    t.state = unsent ? 'cancelled' : 'dropped'
    repo.settleTx(row.id, t.idx, {
      state: t.state,
      error_kind: 'unknown',
      error_message: unsent
        ? cancelReason
        : node.info.isAnvil
          ? 'In flight when the server stopped and not mined: taken out of the pool'
          : 'In flight when the server stopped and not mined since (a node may still include it later)',
    })
  }
  const recorded = new Set(rows.map((t) => t.idx))
  const neverRecorded: number[] = []
  for (let idx = 0; idx < row.planned; idx++) if (!recorded.has(idx)) neverRecorded.push(idx)
  repo.insertCancelled(row.id, neverRecorded, cancelReason)
  const remaining = [...neverRecorded, ...rows.filter((t) => t.state === 'cancelled').map((t) => t.idx)].sort(
    (a, b) => a - b,
  )

  const counts = emptyCounts(row.planned)
  for (const t of rows) if (t.state !== 'planned') counts[t.state as Exclude<TxState, 'planned'>]++
  counts.cancelled += neverRecorded.length
  // Every row is settled now (the never-recorded ones inserted as cancelled): per-function numbers from them.
  const functions = functionStats(readTxStatRows(db, row.id))
  const txTypes = txTypeStats(readTxStatRows(db, row.id))
  repo.update(row.id, {
    report_json: JSON.stringify(reportOf(row, counts, rows, { functions, txTypes, endpoints: [], signing: null })),
    ended_at: Date.now(),
  })
  return { remaining, counts }
}

/** What a settled interrupted run can honestly report: its counts and latencies from its rows. */
function reportOf(
  row: RunRow,
  counts: TxCounts,
  rows: ReturnType<ReturnType<typeof createRunsRepo>['txs']>,
  byGroup: Pick<RunReport, 'functions' | 'txTypes' | 'endpoints' | 'signing'>,
): RunReport {
  const previous = row.report_json ? (JSON.parse(row.report_json) as Partial<RunReport>) : {}
  const startedAt = row.started_at ?? row.created_at
  const endedAt = Math.max(startedAt, ...rows.map((t) => t.included_at ?? t.submitted_at ?? 0))
  return {
    version: reportVersion,
    runId: row.id,
    name: row.name,
    status: 'interrupted',
    counts,
    invariantHolds: invariantHolds(counts),
    // Settled from rows after the fact: no end-of-run read of the senders' nonces.
    chainAgrees: null,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
    durationMs: endedAt - startedAt,
    throughput: { sentPerSec: 0, minedPerSec: 0 },
    latencyMs: percentiles(rows.map((t) => t.latency_ms).filter((v): v is number => v !== null)),
    submitRttMs: { p50: null, p95: null, p99: null },
    node: {
      chainId: row.chain_id ?? 0,
      clientVersion: 'unknown',
      rpcUrl: row.rpc_url ?? '',
      embedded: false,
      mining: row.mining ?? 'unknown',
      ownMining: unknownMining,
      // A report stored by an older version may lack fields: what it has wins, the rest is unknown.
      ...previous.node,
      fork: previous.node?.fork ?? null,
    },
    blocks: { count: 0, gasUsed: '0', ourTxs: counts.mined + counts.reverted, avgFullness: null },
    accounts: [],
    errors: [],
    warnings: [
      {
        code: 'interrupted',
        message: 'The server stopped during this run; open txs were settled from the chain afterwards.',
        at: Date.now(),
      },
    ],
    gapFills: 0,
    replacements: noReplacements(),
    scenario: null,
    ...byGroup,
    environment: previous.environment ?? null,
    config: shareableConfig(JSON.parse(row.config_json)),
    ...interruptedThresholds(JSON.parse(row.config_json).thresholds),
    error: { code: 'INTERRUPTED', message: 'The server stopped while this run was in progress.' },
  }
}

/** An interrupted run's numbers are incomplete: none of its thresholds can be said to hold. */
function interruptedThresholds(stored: unknown): Pick<RunReport, 'thresholds' | 'thresholdsOk' | 'thresholdAbort'> {
  const specs = thresholdsSchema.safeParse(stored ?? []).data ?? []
  return {
    thresholds: failAll(specs, 'the run was interrupted'),
    thresholdsOk: specs.length === 0,
    thresholdAbort: null,
  }
}
