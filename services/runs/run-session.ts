import { randomUUID } from 'node:crypto'
import type { AccountState } from '../accounts/balance-monitor'
import { chooseMining, type EffectiveMining } from '../chain/mining'
import type { NodeHandle } from '../chain/node-handle'
import { redactUrl } from '../chain/node-info'
import { publicConfig, shareableConfig } from '../config/parse'
import type { TestConfig } from '../config/schema'
import { StressError } from '../errors/base'
import { createLiveFeed, type LiveFeed } from '../live/feed'
import { type Aggregator, createAggregator } from '../metrics/aggregator'
import { toolEnvironment } from '../metrics/environment'
import { functionStats } from '../metrics/functions'
import { chainAgreesOf, invariantHolds, type RunReport, reportVersion } from '../metrics/report'
import { txTypeStats } from '../metrics/tx-type-stats'
import type { Db } from '../store/db'
import { storedOutcomes } from '../store/outcome-rows'
import { createRunWriter } from '../store/run-writer'
import { createRunsRepo } from '../store/runs-repo'
import { readTxStatRows } from '../store/stat-rows'
import { createEventBus, type RunEventBus } from '../testing/events'
import { executeRun } from '../testing/executor'
import { createRunControl, type RunControl } from '../testing/run-control'
import type { RunOutcome } from '../testing/run-outcome'
import type { PlannedTx } from '../testing/tx'
import { createThresholdWatch } from '../thresholds/watch'

export type RunSession = {
  id: string
  config: TestConfig
  bus: RunEventBus
  control: RunControl
  metrics: Aggregator
  /** Block production during the run (the node's own mode is in the report and the first log event). */
  mining: EffectiveMining
  /** The live stream of this run's numbers and tx rows (the run page follows it). */
  feed: LiveFeed
  createdAt: number
  /** Stops new sends at once; what is in flight is still followed. Only while running. */
  pause(): boolean
  resume(): boolean
  /** Cancels what was not sent; what is in flight is followed to the end. */
  stop(): void
  /** The senders as last read (about once a second while running). */
  accounts(): AccountState[]
  /** Settles with the report; never rejects (a failed run is a report with status "failed"). */
  done: Promise<RunReport>
}

export type StartRunSessionParameters = {
  config: TestConfig
  node: NodeHandle
  db: Db
  dataDir: string
  id?: string
  testId?: string | null
  /** The workload; default: ETH transfers (scenarios plug in here). */
  plan?: Iterable<PlannedTx>
  /** Continuing an interrupted run: only these planned txs (by index) are sent. */
  only?: ReadonlySet<number>
}

/**
 * One run from start to report: records it in SQLite, derives its senders, executes it, and
 * writes the report. The CLI and the web server both start runs through here.
 */
export function startRunSession(p: StartRunSessionParameters): RunSession {
  const id = p.id ?? randomUUID()
  const { config, node, db } = p
  const repo = createRunsRepo(db)
  const bus = createEventBus()
  const control = createRunControl()
  const metrics = createAggregator(config.txs)
  const writer = createRunWriter(db, id)
  const createdAt = Date.now()
  const publicCfg = publicConfig(config)
  repo.insert({
    id,
    test_id: p.testId ?? null,
    name: config.name ?? null,
    status: 'pending',
    config_json: JSON.stringify(publicCfg),
    created_at: createdAt,
    planned: config.txs,
    rpc_url: redactUrl(node.conn.url),
    chain_id: node.info.chainId,
    // Continuable after a crash only if its senders do not depend on a secret we do not keep.
    resumable: config.mnemonic || config.privateKeys || config.funderKey ? 0 : 1,
  })
  const mining = chooseMining(config, node.info, node.embedded)
  repo.update(id, { mining })
  let accounts: AccountState[] = []
  bus.on('event', (e) => {
    if (e.type === 'accounts') accounts = e.accounts
    if (e.type === 'planned') repo.update(id, { planned: e.planned })
  })
  bus.on('event', metrics.onEvent)
  bus.on('event', writer.onEvent)
  const thresholds = createThresholdWatch({ thresholds: config.thresholds, bus, stop: () => control.stop() })
  const feed = createLiveFeed({ bus, metrics, mining, persist: writer.append, thresholds: thresholds.live })
  bus.on('event', (e) => {
    if (e.type === 'status')
      repo.update(id, { status: e.status, ...(e.status === 'running' ? { started_at: e.at } : {}) })
  })

  const done = (async (): Promise<RunReport> => {
    let outcome: RunOutcome | undefined
    let error: RunReport['error'] = null
    try {
      outcome = await executeRun({
        config,
        conn: node.conn,
        node: node.info,
        embedded: node.embedded,
        dataDir: p.dataDir,
        bus,
        control,
        plan: p.plan,
        only: p.only,
        beforeSend: writer.flush,
        stored: () => {
          writer.flush()
          return storedOutcomes(db, id)
        },
      })
    } catch (e) {
      error =
        e instanceof StressError
          ? { code: e.code, message: e.shortMessage, ...(e.hint ? { hint: e.hint } : {}) }
          : { code: 'INTERNAL', message: e instanceof Error ? (e.message.split('\n')[0] ?? 'error') : String(e) }
    }
    error ??= outcome?.error ?? null
    const status = outcome?.status ?? 'failed'
    bus.emit('event', { type: 'status', at: Date.now(), status, message: error?.message })
    const endedAt = outcome?.endedAt ?? Date.now()
    feed.finish(endedAt)
    writer.close()
    const snap = metrics.snapshot()
    const startedAt = outcome?.startedAt ?? createdAt
    const report: RunReport = {
      version: reportVersion,
      runId: id,
      name: config.name ?? null,
      status,
      counts: snap.counts,
      invariantHolds: invariantHolds(snap.counts),
      chainAgrees: null,
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(endedAt).toISOString(),
      durationMs: endedAt - startedAt,
      throughput: snap.throughput,
      latencyMs: snap.latencyMs,
      submitRttMs: snap.submitRttMs,
      node: {
        chainId: node.info.chainId,
        clientVersion: node.info.clientVersion,
        rpcUrl: redactUrl(node.conn.url),
        embedded: node.embedded,
        mining: outcome?.mining ?? 'unknown',
        ownMining: outcome?.ownMining ?? node.info.ownMining,
        fork: node.info.fork,
      },
      blocks: snap.blocks,
      accounts: (outcome?.senders ?? []).map((a) => ({
        address: a.address,
        kind: a.kind,
        sent: a.sent,
        expectedNonce: a.expectedNonce,
        onChainNonce: a.final?.onChainNonce ?? null,
        balanceWei: a.final?.balanceWei.toString() ?? null,
        lastError: a.final?.lastError ?? null,
      })),
      errors: snap.errors,
      warnings: snap.warnings,
      gapFills: snap.gapFills,
      replacements: snap.replacements,
      scenario: outcome?.scenario ?? null,
      // The writer is closed: the txs table holds every tx's final row, so it is the source.
      functions: functionStats(readTxStatRows(db, id)),
      txTypes: txTypeStats(readTxStatRows(db, id)),
      endpoints: outcome?.endpoints ?? [],
      signing: outcome?.signing ?? null,
      environment: toolEnvironment(),
      config: shareableConfig(publicCfg),
      ...thresholds.report(snap),
      error,
    }
    report.chainAgrees = chainAgreesOf(report)
    repo.update(id, {
      status,
      started_at: startedAt,
      ended_at: endedAt,
      chain_id: node.info.chainId,
      mining: report.node.mining,
      report_json: JSON.stringify(report),
      error_json: error ? JSON.stringify(error) : null,
    })
    return report
  })()

  const status = (s: 'paused' | 'running') => bus.emit('event', { type: 'status', at: Date.now(), status: s })
  return {
    id,
    config,
    bus,
    control,
    metrics,
    mining,
    feed,
    createdAt,
    accounts: () => accounts,
    pause() {
      if (metrics.snapshot().status !== 'running') return false
      control.pause()
      status('paused')
      return true
    },
    resume() {
      if (!control.userPaused) return false
      control.resume()
      status('running')
      return true
    },
    stop() {
      control.stop()
    },
    done,
  }
}
