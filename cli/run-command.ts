import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { openNode } from '../services/chain/node-handle'
import { nodeMiningLabel } from '../services/chain/node-mining'
import { refuseUndistributable } from '../services/distributed/coordinator'
import { checkRedis } from '../services/distributed/redis-client'
import { ConfigError, StressError } from '../services/errors/base'
import { junitXml } from '../services/metrics/junit'
import { createPrometheusExporter } from '../services/metrics/prometheus'
import type { RunReport } from '../services/metrics/report'
import { nodeParametersFor } from '../services/runs/node-for-config'
import { startRunSession } from '../services/runs/run-session'
import { type Db, openDb } from '../services/store/db'
import { checkDistributedFlags, type Distributed, type DistributedFlags, startDistributed } from './distributed-flags'
import { exitCodes } from './exit-codes'
import { loadConfig } from './load-config'
import { startMetricsServer } from './metrics-server'
import { progressOutput } from './progress'
import { jsonProgressOutput } from './progress-json'
import { formatSummary } from './summary'
import { writeReportFiles } from './write-reports'

export const progressModes = ['bar', 'json', 'none'] as const
export type ProgressMode = (typeof progressModes)[number]

export type RunCommandOptions = {
  config?: string
  report?: string
  /** `--report-csv <dir>`: txs, functions, errors and accounts as CSV files. */
  reportCsv?: string
  /** `--report-html <file>`: the self-contained HTML report. */
  reportHtml?: string
  /** Write the run as JUnit XML here (thresholds, invariant, scenario checks as testcases). */
  junit?: string
  /** `--threshold` expressions, added to the config's `thresholds`. */
  thresholds?: string[]
  dataDir: string
  /** `bar` (default), `json` (a JSON line a second on stdout; the summary on stderr) or `none`. */
  progress?: string
  /** `--metrics-port`: serve the run's Prometheus metrics on 127.0.0.1 at this port (0 = any free one). */
  metricsPort?: number
  /** `--workers`, `--shards`, `--redis`, `--on-worker-loss` (docs/distributed.md). */
  distributed?: DistributedFlags
  flags: Record<string, unknown>
}

/** `evm-stress run`: validate, open the node, run with a live progress line, summarise, report. */
export async function runCommand(o: RunCommandOptions): Promise<number> {
  const progress = progressModeOf(o.progress)
  const config = loadConfig(o.config, o.flags, o.thresholds)
  const dataDir = resolve(o.dataDir)
  const distributedFlags = checkDistributedFlags(o.distributed ?? {})
  if (distributedFlags) refuseUndistributable(config)
  // A Redis that is not there is found before a node starts or a record is written.
  if (distributedFlags?.redis) await checkRedis(distributedFlags.redis)
  const metricsPort = o.metricsPort === undefined ? undefined : metricsPortOf(o.metricsPort)
  const exporter = metricsPort === undefined ? undefined : createPrometheusExporter()
  const metricsServer =
    exporter && metricsPort !== undefined ? await startMetricsServer(exporter, metricsPort) : undefined
  const node = await openNode(nodeParametersFor(config)).catch(async (error: unknown) => {
    await metricsServer?.close()
    throw error
  })
  // After the node answered: a node that does not leaves no data dir behind. A PostgreSQL store
  // (EVM_STRESS_DATABASE_URL) that does not answer is refused here, before anything is written.
  let db: Db
  try {
    db = openDb(dataDir)
  } catch (error) {
    await node.close()
    await metricsServer?.close()
    throw error
  }
  let report: RunReport
  let distributed: Distributed | undefined
  try {
    distributed = distributedFlags && (await startDistributed(distributedFlags, dataDir))
    const log = (line: string) => process.stderr.write(`${line}\n`)
    const session = startRunSession({
      config,
      node,
      db,
      dataDir,
      execute: distributed?.execute,
      // The CLI's own outputs, started and stopped with the run's.
      outputs: ({ id, model }) => [
        ...(exporter ? [exporter.output({ id, counts: model.counts })] : []),
        { onEvent: (e) => e.type === 'warning' && log(`\nwarning: ${e.message}${e.hint ? `\n  → ${e.hint}` : ''}`) },
        ...(progress === 'json'
          ? [jsonProgressOutput(id, () => model.snapshot())]
          : progress === 'bar'
            ? [progressOutput(() => model.snapshot())]
            : []),
      ],
    })
    if (distributed) log(`distributed: ${distributed.describe}`)
    if (metricsServer) log(`metrics: http://127.0.0.1:${metricsServer.port}/metrics (Prometheus text format)`)
    log(
      `run ${session.id}: ${config.txs} txs, ${config.accounts} accounts, ${config.mode} mode, mining: ${session.mining} (node's own: ${nodeMiningLabel(node.info.ownMining)})${node.info.fork ? `, on a local fork of ${node.info.fork.url} at block ${node.info.fork.block ?? 'its head'}` : ''}`,
    )
    let interrupts = 0
    const onSigint = () => {
      interrupts++
      if (interrupts > 1) {
        log('\naborted: the report was not written')
        process.exit(exitCodes.aborted)
      }
      log('\nstopping: unsent txs are cancelled, in-flight ones are followed to the end (Ctrl-C again to abort)')
      session.stop()
    }
    process.on('SIGINT', onSigint)
    process.on('SIGTERM', onSigint)
    report = await session.done
    process.off('SIGINT', onSigint)
    process.off('SIGTERM', onSigint)
    // Before the store closes: the CSV and HTML reports are read back from it.
    writeReportFiles(db, session.id, { csvDir: o.reportCsv, htmlFile: o.reportHtml, log })
  } finally {
    await distributed?.stop()
    db.close()
    await node.close()
    await metricsServer?.close()
  }
  // Harnesses read stdout line by line as JSON: the summary is for the person watching.
  ;(progress === 'json' ? process.stderr : process.stdout).write(`${formatSummary(report)}\n`)
  if (o.report) {
    writeFileSync(o.report, `${JSON.stringify(report, null, 2)}\n`)
    process.stderr.write(`report written to ${o.report}\n`)
  }
  if (o.junit) {
    writeFileSync(o.junit, junitXml(report))
    process.stderr.write(`JUnit XML written to ${o.junit}\n`)
  }
  return exitCodeOf(report)
}

/** `--metrics-port`: a TCP port, named when it is not one. */
function metricsPortOf(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65_535) return value
  throw new ConfigError([{ field: '--metrics-port', message: `"${String(value)}" is not a port (0–65535)` }], {
    hint: 'Give a free TCP port, e.g. --metrics-port 9464, or 0 for any free one (printed at the start).',
  })
}

/** `--progress`: bad input like any other flag, named, before a node is started. */
function progressModeOf(value: string | undefined): ProgressMode {
  if (value === undefined) return 'bar'
  if ((progressModes as readonly string[]).includes(value)) return value as ProgressMode
  throw new ConfigError([{ field: '--progress', message: `"${value}" is not one of ${progressModes.join(', ')}` }], {
    hint: 'Use --progress json for one JSON line a second on stdout (docs/metrics.md#progress-json).',
  })
}

/**
 * A completed run with a failed threshold or contract state check, or whose senders' nonces on
 * chain differ from the report, or one an abortOnFail threshold stopped, is 99 (CI fails the job).
 */
export function exitCodeOf(report: RunReport): number {
  // The chain disagreeing with the report is a failed check, as loud as a threshold.
  const checksOk = (report.scenario?.checks ?? []).every((c) => c.ok) && report.chainAgrees !== false
  if (report.status === 'completed') return report.thresholdsOk && checksOk ? exitCodes.ok : exitCodes.thresholdsFailed
  if (report.status === 'stopped') return report.thresholdAbort ? exitCodes.thresholdsFailed : exitCodes.stopped
  // A workload's set-up that reverts is bad input found on the chain: named like any other.
  if (report.error?.code === 'INVALID_CONFIG') return exitCodes.badInput
  return report.error && !(report.error.code === 'INTERNAL') ? exitCodes.couldNotRun : exitCodes.internal
}

/** One clear line (plus hint) for any error that stops the CLI before or outside a run. */
export function describeFailure(error: unknown): { message: string; code: number } {
  if (error instanceof StressError) {
    const code = error.code === 'INVALID_CONFIG' ? exitCodes.badInput : exitCodes.couldNotRun
    return { message: `error: ${error.shortMessage}${error.hint ? `\n  → ${error.hint}` : ''}`, code }
  }
  return {
    message: `internal error: ${error instanceof Error ? error.stack : String(error)}`,
    code: exitCodes.internal,
  }
}
