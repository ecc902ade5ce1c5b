import { randomUUID } from 'node:crypto'
import type { AccountState } from '../accounts/balance-monitor'
import { chooseMining, type EffectiveMining } from '../chain/mining'
import type { NodeHandle } from '../chain/node-handle'
import { redactUrl } from '../chain/node-info'
import { publicConfig, shareableConfig } from '../config/parse'
import type { TestConfig } from '../config/schema'
import { StressError } from '../errors/base'
import { createLiveFeed, type LiveFeed } from '../live/feed'
import { buildReport, rowGroupsOf } from '../metrics/build-report'
import { toolEnvironment } from '../metrics/environment'
import { judgeLimit } from '../metrics/limit'
import type { RunReport } from '../metrics/report'
import { createRunModel, type RunModel } from '../run-model/model'
import type { Db } from '../store/db'
import { storedOutcomes } from '../store/outcome-rows'
import { createRunWriter } from '../store/run-writer'
import { createRunsRepo } from '../store/runs-repo'
import { readTxStatRows } from '../store/stat-rows'
import { createEventBus, type RunEventBus } from '../testing/events'
import { executeRun } from '../testing/executor'
import { createRunControl, type RunControl } from '../testing/run-control'
import type { ExecuteRunParameters, RunOutcome } from '../testing/run-outcome'
import type { PlannedTx } from '../testing/tx'
import { createThresholdWatch } from '../thresholds/watch'
import { keepAlive } from './liveness'
import { type RunOutput, startOutputs } from './run-outputs'

export type RunSession = {
  id: string
  config: TestConfig
  bus: RunEventBus
  control: RunControl
  /** The run model: every number of the run, as of now (docs/architecture.md#run-model). */
  model: RunModel
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
  /** The caller's own outputs (the CLI's progress, a model exporter), started and stopped with the run's. */
  outputs?: (run: { id: string; model: RunModel }) => RunOutput[]
  /** Who executes it, given the run's id: the engine in this process (default), or a distributed run's coordinator. */
  execute?: (runId: string) => (p: ExecuteRunParameters) => Promise<RunOutcome>
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
  const model = createRunModel(config.txs)
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
  // Another process on the same store (the app, a second CLI) leaves a run alone while it beats.
  const stopBeating = keepAlive(repo, id)
  const mining = chooseMining(config, node.info, node.embedded)
  repo.update(id, { mining })
  let accounts: AccountState[] = []
  // The model first: every output reads it already up to date with the event it is given.
  bus.on('event', model.onEvent)
  const thresholds = createThresholdWatch({
    thresholds: config.thresholds,
    bus,
    stop: () => control.stop(),
    snapshot: () => model.snapshot(),
  })
  const feed = createLiveFeed({ model, mining, persist: writer.append, thresholds: thresholds.latest })
  /** The run's row: its status, start (the model's: a resume does not restart it) and plan size. */
  const runRow: RunOutput = {
    onEvent(e) {
      if (e.type === 'accounts') accounts = e.accounts
      if (e.type === 'planned') repo.update(id, { planned: e.planned })
      if (e.type === 'status') repo.update(id, { status: e.status, started_at: model.state.timing.startedAt })
    },
  }
  // Started and stopped here, in this order: the feed writes its last series point through the
  // writer, so the writer is the last to close.
  const outputs = startOutputs(bus, [
    runRow,
    { stop: thresholds.close },
    { onEvent: feed.onEvent, stop: feed.finish },
    ...(p.outputs?.({ id, model }) ?? []),
    { onEvent: writer.onEvent, stop: writer.close },
  ])

  const done = (async (): Promise<RunReport> => {
    let outcome: RunOutcome | undefined
    let error: RunReport['error'] = null
    try {
      const execute = p.execute?.(id) ?? executeRun
      outcome = await execute({
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
    // The run ends now, when the engine has put the node back too: a clock read any earlier
    // could fall before a progress line already printed (docs/metrics.md#timing).
    const endedAt = Date.now()
    bus.emit('event', { type: 'status', at: endedAt, status, message: error?.message })
    outputs.stop()
    const snap = model.snapshot(endedAt)
    const report = buildReport(snap, {
      runId: id,
      name: config.name ?? null,
      fallbackStartedAt: outcome?.startedAt ?? createdAt,
      fallbackEndedAt: endedAt,
      node: {
        chainId: node.info.chainId,
        clientVersion: node.info.clientVersion,
        rpcUrl: redactUrl(node.conn.url),
        embedded: node.embedded,
        mining: outcome?.mining ?? 'unknown',
        ownMining: outcome?.ownMining ?? node.info.ownMining,
        fork: node.info.fork,
      },
      accounts: (outcome?.senders ?? []).map((a) => ({
        address: a.address,
        kind: a.kind,
        sent: a.sent,
        expectedNonce: a.expectedNonce,
        onChainNonce: a.final?.onChainNonce ?? null,
        balanceWei: a.final?.balanceWei.toString() ?? null,
        lastError: a.final?.lastError ?? null,
      })),
      scenario: outcome?.scenario ?? null,
      // The writer is closed: the txs table holds every tx's final row, so it is the source.
      ...rowGroupsOf(readTxStatRows(db, id)),
      endpoints: outcome?.endpoints ?? [],
      signing: outcome?.signing ?? null,
      distributed: outcome?.distributed ?? null,
      limit: outcome?.pace ? judgeLimit(config, outcome.pace, snap.latencyMs.p50) : null,
      environment: toolEnvironment(),
      config: shareableConfig(publicCfg),
      ...thresholds.report(snap),
      error,
    })
    repo.update(id, {
      status,
      started_at: Date.parse(report.startedAt),
      ended_at: Date.parse(report.endedAt),
      chain_id: node.info.chainId,
      mining: report.node.mining,
      report_json: JSON.stringify(report),
      error_json: error ? JSON.stringify(error) : null,
    })
    return report
  })().finally(stopBeating)

  return {
    id,
    config,
    bus,
    control,
    model,
    mining,
    feed,
    createdAt,
    accounts: () => accounts,
    // Requests: the engine answers with the status event (executor.ts).
    pause() {
      return model.state.status === 'running' && control.pause()
    },
    resume() {
      return control.resume()
    },
    stop() {
      control.stop()
    },
    done,
  }
}
