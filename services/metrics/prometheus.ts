import { Counter, Gauge, Histogram, type PrometheusContentType, Registry } from 'prom-client'
import type { TxCounts } from '../run-model/counts'
import type { RunEvent, RunEventBus } from '../testing/events'
import { isIncluded, txStates } from '../testing/tx'

/** Runs whose series stay exported after they end (a scraper reads their last values); older ones go. */
export const keptRuns = 10

/** Seconds: inclusion on a local node takes ms, on a public one up to minutes. */
const latencyBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]
const rttBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

export type ExportedRun = { id: string; bus: RunEventBus; counts: () => TxCounts }

/** The runs' numbers for a scraper (createPrometheusExporter). */
export type PrometheusExporter = {
  /** The registry every series of every exported run is in. */
  registry: Registry
  /** Exports a run from now on, as one of its outputs; the oldest beyond `keptRuns` stops being exported. */
  output(run: Omit<ExportedRun, 'bus'>): { onEvent(e: RunEvent): void }
  /** The same, for a run's bus directly. */
  attach(run: ExportedRun): void
  /** The text a scrape gets. */
  metrics: () => Promise<string>
  /** The content type of that text (Prometheus' text format 0.0.4). */
  contentType: PrometheusContentType
}

/**
 * The runs' numbers in Prometheus' text format (docs/metrics.md#prometheus): counters of txs by
 * the state they reached and of failed attempts, histograms of inclusion latency and submit RTT,
 * gauges of txs by current state, in flight, and the last block's fullness — per run, and per call
 * label where a tx has one. Fed by the run's events, like every other output.
 */
export function createPrometheusExporter(): PrometheusExporter {
  const registry = new Registry()
  const runs: { id: string; stop: () => void }[] = []
  const current = new Map<string, () => TxCounts>()
  /** Every series a run created, so that it can be removed whole (prom-client removes exact label sets). */
  const series = new Map<string, Map<string, () => void>>()
  type Labelled<L extends string> = { remove(labels: Partial<Record<L, string>>): void }
  function note<L extends string>(id: string, metric: Labelled<L>, labels: Record<L, string>) {
    const mine = series.get(id) ?? new Map<string, () => void>()
    series.set(id, mine)
    const key = `${(metric as unknown as { name: string }).name}|${JSON.stringify(labels)}`
    if (!mine.has(key)) mine.set(key, () => metric.remove(labels))
    return labels
  }
  const lastStatus = new Map<string, string>()

  const txsTotal = new Counter({
    name: 'evm_stress_txs_total',
    help: 'Planned txs that reached each state (terminal states end equal to the report counts)',
    labelNames: ['run_id', 'label', 'state'] as const,
    registers: [registry],
  })
  const errorsTotal = new Counter({
    name: 'evm_stress_errors_total',
    help: 'Failed attempts by error kind, retried ones included',
    labelNames: ['run_id', 'label', 'kind'] as const,
    registers: [registry],
  })
  const blocksTotal = new Counter({
    name: 'evm_stress_blocks_total',
    help: 'Blocks the run read',
    labelNames: ['run_id'] as const,
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'evm_stress_inclusion_latency_seconds',
    help: 'Submit to block seen, per included tx',
    labelNames: ['run_id', 'label'] as const,
    buckets: latencyBuckets,
    registers: [registry],
  })
  const rtt = new Histogram({
    name: 'evm_stress_submit_rtt_seconds',
    help: 'Round trip of the accepted submission request',
    labelNames: ['run_id'] as const,
    buckets: rttBuckets,
    registers: [registry],
  })
  const blockFullness = new Gauge({
    name: 'evm_stress_block_gas_fullness_ratio',
    help: "The newest block's gasUsed / gasLimit",
    labelNames: ['run_id'] as const,
    registers: [registry],
  })
  const blockBlobGas = new Counter({
    name: 'evm_stress_block_blob_gas_used_total',
    help: 'Blob gas of the blocks the run read (EIP-4844)',
    labelNames: ['run_id'] as const,
    registers: [registry],
  })
  const blobGasPrice = new Gauge({
    name: 'evm_stress_blob_gas_price_wei',
    help: 'Blob gas price paid by the newest included blob tx (the blob base fee of its block)',
    labelNames: ['run_id'] as const,
    registers: [registry],
  })
  const blockNumber = new Gauge({
    name: 'evm_stress_block_number',
    help: 'The newest block the run read',
    labelNames: ['run_id'] as const,
    registers: [registry],
  })
  const status = new Gauge({
    name: 'evm_stress_run_status',
    help: "1 for the run's current status",
    labelNames: ['run_id', 'status'] as const,
    registers: [registry],
  })
  // Read at scrape time from the run's own counts: exactly the report's at the end.
  new Gauge({
    name: 'evm_stress_txs',
    help: 'Planned txs in each state now (submitted = accepted by the node, pending in its pool)',
    labelNames: ['run_id', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const [id, counts] of current) {
        const c = counts()
        for (const state of txStates) this.set({ run_id: id, state }, c[state])
      }
    },
  })
  new Gauge({
    name: 'evm_stress_txs_in_flight',
    help: 'Signed or submitted, not yet settled',
    labelNames: ['run_id'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const [id, counts] of current) {
        const c = counts()
        this.set({ run_id: id }, c.signed + c.submitted)
      }
    },
  })
  function onEvent(id: string, e: RunEvent) {
    switch (e.type) {
      case 'tx': {
        if (e.role !== 'planned') return
        const label = e.label
        if (e.prev !== e.state) txsTotal.inc(note(id, txsTotal, { run_id: id, label, state: e.state }))
        if (e.state === 'submitted' && e.submitRttMs !== undefined)
          rtt.observe(note(id, rtt, { run_id: id }), e.submitRttMs / 1000)
        if (e.prev !== e.state && isIncluded(e.state) && e.latencyMs !== undefined)
          latency.observe(note(id, latency, { run_id: id, label }), e.latencyMs / 1000)
        if (e.blobGasPrice !== undefined)
          blobGasPrice.set(note(id, blobGasPrice, { run_id: id }), Number(e.blobGasPrice))
        return
      }
      case 'error':
        errorsTotal.inc(note(id, errorsTotal, { run_id: id, label: e.label ?? '', kind: e.error.kind }))
        return
      case 'block':
        blocksTotal.inc(note(id, blocksTotal, { run_id: id }))
        blockNumber.set(note(id, blockNumber, { run_id: id }), Number(e.number))
        if (e.blobGasUsed) blockBlobGas.inc(note(id, blockBlobGas, { run_id: id }), Number(e.blobGasUsed))
        if (e.gasLimit > 0n)
          blockFullness.set(
            note(id, blockFullness, { run_id: id }),
            Number((e.gasUsed * 10_000n) / e.gasLimit) / 10_000,
          )
        return
      case 'status':
        {
          const last = lastStatus.get(id)
          if (last) status.remove({ run_id: id, status: last })
          lastStatus.set(id, e.status)
          status.set(note(id, status, { run_id: id, status: e.status }), 1)
        }
        return
      default:
        return
    }
  }

  return {
    registry,
    output(run: Omit<ExportedRun, 'bus'>): { onEvent(e: RunEvent): void } {
      let exported = true
      current.set(run.id, run.counts)
      runs.push({ id: run.id, stop: () => (exported = false) })
      evict()
      return { onEvent: (e) => exported && onEvent(run.id, e) }
    },
    attach(run: ExportedRun) {
      run.bus.on('event', this.output(run).onEvent)
    },
    metrics: () => registry.metrics(),
    contentType: registry.contentType,
  }

  function evict() {
    while (runs.length > keptRuns) {
      const old = runs.shift()
      if (!old) break
      old.stop()
      current.delete(old.id)
      lastStatus.delete(old.id)
      for (const remove of series.get(old.id)?.values() ?? []) remove()
      series.delete(old.id)
    }
  }
}
