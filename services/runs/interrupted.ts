import { hexToBigInt } from 'viem'
import type { NodeHandle } from '../chain/node-handle'
import { unknownMining } from '../chain/node-mining'
import { shareableConfig } from '../config/parse'
import { ConflictError } from '../errors/base'
import type { TxErrorKind } from '../errors/tx-error'
import { buildReport, rowGroupsOf } from '../metrics/build-report'
import type { RunReport } from '../metrics/report'
import type { Db } from '../store/db'
import { replayRun, txEventOfRow } from '../store/replay-events'
import { createRunWriter } from '../store/run-writer'
import { createRunsRepo, type RunRow } from '../store/runs-repo'
import { readTxStatRows } from '../store/stat-rows'
import type { StoredTxRow } from '../store/tx-rows'
import type { TxEvent } from '../testing/events'
import type { TxState } from '../testing/tx'
import { unincludedFate, unincludedReason } from '../testing/unincluded-fate'
import { failAll } from '../thresholds/evaluate'
import { thresholdsSchema } from '../thresholds/schema'

/**
 * Gives every planned tx of a run a crash interrupted its one terminal state, from the chain:
 * open txs with a receipt are mined/reverted; the others failed or were dropped by the drain's own
 * rule (taken out of Anvil's pool, so they cannot be mined later); txs never sent are cancelled
 * with `cancelReason`. Each fate is a
 * tx event through the run's writer, and the report is the run model's replay of what is stored
 * (docs/architecture.md#run-model). Returns the indexes of those never sent (a continuation sends them).
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
  const receipts = await Promise.all(
    open.map((t) => (t.hash ? node.conn.request('eth_getTransactionReceipt', [t.hash]) : Promise.resolve(null))),
  )
  const writer = createRunWriter(db, row.id)
  const now = Date.now()
  /** The tx's fate, as the engine would have emitted it. */
  const settle = (t: StoredTxRow, patch: Partial<TxEvent>) => {
    const before = txEventOfRow(t)
    writer.onEvent({ ...before, ...patch, at: now, prev: before.state })
  }
  for (const [i, t] of open.entries()) {
    const receipt = receipts[i]
    if (receipt) {
      settle(t, {
        state: receipt.status === '0x1' ? 'mined' : 'reverted',
        blockNumber: hexToBigInt(receipt.blockNumber),
        gasUsed: hexToBigInt(receipt.gasUsed),
      })
      continue
    }
    if (t.hash && node.info.isAnvil) await node.conn.request('anvil_dropTransaction', [t.hash]).catch(() => undefined)
    const fate = unincludedFate({
      state: t.state as TxState,
      error: t.error_kind ? { kind: t.error_kind as TxErrorKind, message: t.error_message ?? '' } : null,
    })
    settle(t, {
      state: fate,
      error: {
        kind: 'unknown',
        message: unincludedReason(fate, 'the server stopped', node.info.isAnvil),
      },
    })
  }
  writer.close()
  const recorded = new Set(rows.map((t) => t.idx))
  const neverRecorded: number[] = []
  for (let idx = 0; idx < row.planned; idx++) if (!recorded.has(idx)) neverRecorded.push(idx)
  repo.insertCancelled(row.id, neverRecorded, cancelReason)
  const earlier = rows.filter((t) => t.state === 'cancelled').map((t) => t.idx)
  const remaining = [...neverRecorded, ...earlier].sort((a, b) => a - b)

  // Every row is settled now (the never-recorded ones inserted as cancelled): the model replays them.
  const report = reportOf(db, row, rows)
  repo.update(row.id, { report_json: JSON.stringify(report), ended_at: Date.parse(report.endedAt) })
  return { remaining, counts: report.counts }
}

/** What a settled interrupted run can honestly report: the replay of its rows, no end-of-run reads. */
function reportOf(db: Db, row: RunRow, rows: readonly StoredTxRow[]): RunReport {
  const previous = row.report_json ? (JSON.parse(row.report_json) as Partial<RunReport>) : {}
  const startedAt = row.started_at ?? row.created_at
  // The crash left no end: the last thing its rows say happened.
  const endedAt = Math.max(startedAt, ...rows.map((t) => t.included_at ?? t.submitted_at ?? 0))
  const { snapshot } = replayRun(db, { ...row, ended_at: endedAt })
  const config = JSON.parse(row.config_json)
  return buildReport(
    {
      ...snapshot,
      status: 'interrupted',
      endedAt,
      warnings: [
        ...snapshot.warnings,
        {
          code: 'interrupted',
          message: 'The server stopped during this run; open txs were settled from the chain afterwards.',
          at: Date.now(),
        },
      ],
    },
    {
      runId: row.id,
      name: row.name,
      fallbackStartedAt: startedAt,
      fallbackEndedAt: endedAt,
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
      // Settled from rows after the fact: no end-of-run read of the senders' nonces.
      accounts: [],
      scenario: null,
      ...rowGroupsOf(readTxStatRows(db, row.id)),
      endpoints: [],
      signing: null,
      distributed: null,
      limit: null,
      environment: previous.environment ?? null,
      config: shareableConfig(config),
      ...interruptedThresholds(config.thresholds),
      error: { code: 'INTERRUPTED', message: 'The server stopped while this run was in progress.' },
    },
  )
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
