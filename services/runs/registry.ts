import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { type NodeHandle, openNode } from '../chain/node-handle'
import { redactUrl } from '../chain/node-info'
import { parseTestConfig } from '../config/parse'
import { ConflictError, NotFoundError } from '../errors/base'
import { resetFromStore } from '../live/from-store'
import type { StreamSource } from '../live/sse'
import { createPrometheusExporter, type PrometheusExporter } from '../metrics/prometheus'
import type { RunReport } from '../metrics/report'
import { terminalStatuses } from '../run-model/status'
import { type Db, openDb } from '../store/db'
import { createRunsRepo } from '../store/runs-repo'
import { type AccountView, viewOfReport, viewOfState } from './accounts-view'
import { checkConfig } from './check-config'
import { type CompareQuery, compareStored, type RunComparison } from './compare-stored-runs'
import { settleInterrupted } from './interrupted'
import { aliveEveryMs, markAbandonedRuns } from './liveness'
import { needsOwnNode, nodeParametersFor } from './node-for-config'
import { createPreviewer, type Previewer } from './preview'
import type { RunPreview } from './preview-types'
import { type RunSession, startRunSession } from './run-session'
import { createSavedTests, type SavedTest } from './saved-tests'
import { summaryFromRow, summaryLive } from './summary'
import { type TxDetails, txDetails } from './tx-details'
import type { NodeStatus, RunSummary } from './types'

/** The server's runs, live and stored, and everything the API does with them (createRegistry). */
export type RunRegistry = {
  /** The data directory (the run store, the install mnemonic), absolute. */
  dataDir: string
  /** The run store, for read-only routes (tx lists, reports). */
  db: () => Db
  /** One tx with what the run's node still says of it (its receipt, decoded call). */
  txDetails: (runId: string, idx: number) => Promise<TxDetails>
  /** Runs a crash left unfinished are marked interrupted, with what was recorded kept. */
  init(): void
  /** The default node: whether it answers, and what it is (never throws). */
  nodeStatus(): Promise<NodeStatus>
  /**
   * Starts a run of the config; bad input → ConfigError, another run in progress → ConflictError.
   * `resume` gives the run its id and the planned txs it sends (continueRun).
   */
  startRun(input: unknown, resume?: { id: string; only: ReadonlySet<number> }): Promise<{ id: string }>
  /** The newest runs first (at most `limit`, default 200), with live numbers for the live ones. */
  listRuns(limit?: number): RunSummary[]
  /** One run, with live numbers while it runs; no such run → NotFoundError. */
  getRun(id: string): RunSummary
  /** The run's senders: live readings while it runs, the report's final ones after. */
  getAccounts(id: string): { runId: string; live: boolean; accounts: AccountView[] }
  /** Stops a live run (not live → ConflictError): unsent txs are cancelled, in-flight ones followed. */
  stopRun(id: string): RunSummary
  /** Pause stops new sends at once; in-flight txs keep being tracked. */
  pauseRun(id: string): RunSummary
  /** Sends again after a pause; a run that is not paused → ConflictError. */
  resumeRun(id: string): RunSummary
  /** An interrupted run, settled from the chain: every planned tx gets its terminal state. */
  closeRun(id: string): Promise<RunSummary>
  /**
   * An interrupted run's unsent txs, sent by a new run on the same node (nonces re-read from
   * the chain); the interrupted one is settled and points to it.
   */
  continueRun(id: string): Promise<{ id: string }>
  /**
   * Deletes a finished run and everything recorded with it (txs, errors, events cascade).
   * A run still live (or left unfinished by another process on this store) is refused: its
   * writer would go on writing rows for a run that no longer exists.
   */
  deleteRun(id: string): RunSummary
  /** Two runs side by side (services/runs/metric-deltas.ts), with their series to overlay. */
  compareRuns(query: CompareQuery): RunComparison
  /** Where the run's live stream comes from: its feed while live, the store after. */
  streamSource(id: string): StreamSource
  /** Waits for a live run's report (tests, CLI-like callers). */
  waitForRun(id: string): Promise<RunReport | undefined>
  /** Stops the live runs, waits for their reports, then closes the default node and the store. */
  close(): Promise<void>
  /** `GET /metrics`: every run this process started (docs/metrics.md#prometheus). */
  prometheus: PrometheusExporter
  /** Previews, with the addresses of recent mnemonics kept (see `previewRun`). */
  previewer: Previewer
  /** What a config will send, against the node, without sending anything; bad input → ConfigError. */
  previewRun(input: unknown): Promise<RunPreview>
  /** What can be checked without a node (schema, a custom call's ABI and args): bad input → ConfigError before a run starts. */
  checkRun: (input: unknown) => void
  /** The saved tests (saved-tests.ts), the most recently updated first. */
  listTests: () => SavedTest[]
  getTest: (id: string) => SavedTest
  saveTest: (input: unknown) => SavedTest
  updateTest: (id: string, input: unknown) => SavedTest
  deleteTest: (id: string) => { id: string; deleted: true }
  duplicateTest: (id: string) => SavedTest
}

/**
 * The one owner of live runs in the server process (docs/architecture.md#one-owner-of-live-runs).
 * It sits on globalThis so Next.js hot reload does not fork it; SQLite is the record that
 * outlives it.
 */
export function createRegistry(options: { dataDir?: string; rpcUrl?: string } = {}): RunRegistry {
  const dataDir = resolve(/* turbopackIgnore: true */ options.dataDir ?? process.env.EVM_STRESS_DATA_DIR ?? 'data')
  const defaultRpcUrl = options.rpcUrl ?? process.env.EVM_STRESS_RPC_URL ?? undefined
  let db: Db | undefined
  let defaultNode: Promise<NodeHandle> | undefined
  const live = new Map<string, { session: RunSession }>()
  /** `GET /metrics`: every run this process started (docs/metrics.md#prometheus). */
  const prometheus = createPrometheusExporter()

  const database = () => {
    db ??= openDb(dataDir)
    return db
  }
  const store = () => createRunsRepo(database())
  const rowOf = (id: string) => {
    const row = store().get(id)
    if (!row) throw new NotFoundError(`No run with id ${id}`, { hint: 'List runs with GET /api/runs.' })
    return row
  }
  const node = () => {
    defaultNode ??= openNode({ rpcUrl: defaultRpcUrl }).catch((e) => {
      defaultNode = undefined
      throw e
    })
    return defaultNode
  }

  let sweep: NodeJS.Timeout | undefined
  const markAbandoned = () => markAbandonedRuns(store(), new Set(live.keys()))

  const liveOr409 = (id: string) => {
    const l = live.get(id)
    if (!l) throw new ConflictError(`Run ${id} is not running (status: ${summaryFromRow(rowOf(id)).status})`)
    return l
  }

  return {
    dataDir,
    db: () => database(),
    txDetails: (runId: string, idx: number) => txDetails({ db: database(), runId, idx, defaultRpcUrl }),
    init() {
      markAbandoned()
      // A run another process (on another host, on a shared PostgreSQL store) ran and lost is found later.
      sweep ??= setInterval(() => {
        try {
          if (db?.open) markAbandoned()
        } catch {
          // The store is away: the next sweep looks again.
        }
      }, aliveEveryMs)
      sweep.unref()
    },
    async nodeStatus(): Promise<NodeStatus> {
      try {
        const n = await node()
        const head = await n.conn.request('eth_blockNumber')
        return {
          rpcUrl: redactUrl(n.conn.url),
          embedded: n.embedded,
          reachable: true,
          chainId: n.info.chainId,
          blockNumber: BigInt(head).toString(),
          clientVersion: n.info.clientVersion,
          isAnvil: n.info.isAnvil,
          automine: (await n.conn.request('anvil_getAutomine').catch(() => null)) ?? null,
          error: null,
        }
      } catch (e) {
        return {
          rpcUrl: defaultRpcUrl ? redactUrl(defaultRpcUrl) : 'embedded Anvil',
          embedded: !defaultRpcUrl,
          reachable: false,
          chainId: null,
          blockNumber: null,
          clientVersion: null,
          isAnvil: false,
          automine: null,
          error: e instanceof Error ? (e.message.split('\n')[0] ?? 'unreachable') : String(e),
        }
      }
    },
    async startRun(input: unknown, resume?: { id: string; only: ReadonlySet<number> }): Promise<{ id: string }> {
      const config = parseTestConfig(input)
      const active = [...live.values()].find((r) => !terminalStatuses.has(r.session.model.snapshot().status))
      if (active)
        throw new ConflictError('Another run is in progress', {
          hint: `Wait for run ${active.session.id} to finish or stop it first: runs share the node and its mining mode.`,
        })
      const own = needsOwnNode(config, defaultRpcUrl)
      const n = own ? await openNode(nodeParametersFor(config)) : await node()
      const session = startRunSession({
        config,
        node: n,
        db: database(),
        dataDir,
        id: resume?.id,
        only: resume?.only,
        outputs: ({ id, model }) => [prometheus.output({ id, counts: model.counts })],
      })
      live.set(session.id, { session })
      void session.done.finally(async () => {
        live.delete(session.id)
        if (own) await n.close()
      })
      return { id: session.id }
    },
    listRuns(limit = 200): RunSummary[] {
      return store()
        .list(limit)
        .map((row) => {
          const l = live.get(row.id)
          return l ? summaryLive(row, l.session.model.snapshot()) : summaryFromRow(row)
        })
    },
    getRun(id: string): RunSummary {
      const row = rowOf(id)
      const l = live.get(id)
      return l ? summaryLive(row, l.session.model.snapshot()) : summaryFromRow(row)
    },
    getAccounts(id: string): { runId: string; live: boolean; accounts: AccountView[] } {
      const l = live.get(id)
      if (l) return { runId: id, live: true, accounts: l.session.accounts().map(viewOfState) }
      const row = rowOf(id)
      const report = row.report_json ? (JSON.parse(row.report_json) as RunReport) : undefined
      return { runId: id, live: false, accounts: (report?.accounts ?? []).map(viewOfReport) }
    },
    stopRun(id: string): RunSummary {
      liveOr409(id).session.stop()
      return this.getRun(id)
    },
    pauseRun(id: string): RunSummary {
      const l = liveOr409(id)
      if (!l.session.pause())
        throw new ConflictError(`Run ${id} can only be paused while it is running`, {
          hint: 'It may be preparing, draining or paused already.',
        })
      return this.getRun(id)
    },
    resumeRun(id: string): RunSummary {
      if (!liveOr409(id).session.resume()) throw new ConflictError(`Run ${id} is not paused`)
      return this.getRun(id)
    },
    async closeRun(id: string): Promise<RunSummary> {
      await settleInterrupted(
        database(),
        rowOf(id),
        await node(),
        'not sent: the server stopped and the run was closed',
      )
      store().update(id, { status: 'stopped' })
      return this.getRun(id)
    },
    async continueRun(id: string): Promise<{ id: string }> {
      const row = rowOf(id)
      if (!row.resumable)
        throw new ConflictError(
          `Run ${id} cannot be continued: its senders came from a key or mnemonic that is not kept`,
          {
            hint: 'Start it again with its mnemonic or keys; only runs on the install mnemonic, node accounts or impersonation continue.',
          },
        )
      const continuation = randomUUID()
      const { remaining } = await settleInterrupted(database(), row, await node(), `continued as run ${continuation}`)
      if (!remaining.length)
        throw new ConflictError(`Run ${id} has nothing left to send`, { hint: 'Close it instead.' })
      store().update(id, { status: 'stopped', continued_as: continuation })
      const started = await this.startRun(JSON.parse(row.config_json), { id: continuation, only: new Set(remaining) })
      return started
    },
    deleteRun(id: string): RunSummary {
      const summary = this.getRun(id)
      if (live.has(id) || !terminalStatuses.has(summary.status))
        throw new ConflictError(`Run ${id} is ${summary.status}: only a finished run can be deleted`, {
          hint: 'Stop it first and wait until it has ended.',
        })
      store().remove(id)
      return summary
    },
    compareRuns(query: CompareQuery): RunComparison {
      return compareStored({
        db: database(),
        query,
        lookup: (id) => {
          const row = store().get(id)
          return row && { row, summary: this.getRun(id) }
        },
      })
    },
    streamSource(id: string): StreamSource {
      const l = live.get(id)
      if (l) return { feed: l.session.feed }
      const row = rowOf(id)
      return { stored: () => resetFromStore(database(), row) }
    },
    async waitForRun(id: string) {
      return live.get(id)?.session.done
    },
    async close() {
      clearInterval(sweep)
      for (const l of live.values()) l.session.stop()
      await Promise.all([...live.values()].map((l) => l.session.done))
      if (defaultNode) await (await defaultNode.catch(() => undefined))?.close()
      db?.close()
    },

    prometheus,
    // Web UI: previews and saved tests. The logic lives in preview.ts and saved-tests.ts.
    previewer: createPreviewer({ dataDir }),
    async previewRun(input: unknown): Promise<RunPreview> {
      // Everything that can be checked without the node first: bad input is a 400 naming the
      // field whether or not the node is up (it was a 503 when the node was down).
      const config = checkConfig(input)
      const own = needsOwnNode(config, defaultRpcUrl)
      const n = own ? await openNode({ ...nodeParametersFor(config), timeoutMs: 5_000 }) : await node()
      try {
        return await this.previewer.preview(config, n)
      } finally {
        if (own) await n.close()
      }
    },
    checkRun: (input: unknown): void => {
      checkConfig(input)
    },
    listTests: (): SavedTest[] => createSavedTests(database()).list(),
    getTest: (id: string): SavedTest => createSavedTests(database()).get(id),
    saveTest: (input: unknown): SavedTest => createSavedTests(database()).create(input),
    updateTest: (id: string, input: unknown): SavedTest => createSavedTests(database()).update(id, input),
    deleteTest: (id: string) => createSavedTests(database()).remove(id),
    duplicateTest: (id: string): SavedTest => createSavedTests(database()).duplicate(id),
  }
}

const key = Symbol.for('evm-stress.registry')
type WithRegistry = typeof globalThis & { [key]?: RunRegistry }

export function getRegistry(): RunRegistry {
  const g = globalThis as WithRegistry
  g[key] ??= createRegistry()
  return g[key]
}
