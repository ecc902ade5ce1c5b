import { kindInfo, type TxErrorKind } from '../errors/tx-error'
import type { RunEvent, RunStatus } from '../testing/events'
import { emptyCounts, type TxCounts } from '../testing/ledger'
import { createLabelCounter } from './label-counts'
import { createPercentiles } from './percentiles'

export type ErrorGroup = {
  kind: TxErrorKind
  label: string
  title: string
  count: number
  /** Attempts that were retried rather than final. */
  retried: number
  hint: string
  sample: string
  firstAt: number
  lastAt: number
}

export type MetricsSnapshot = {
  status: RunStatus
  counts: TxCounts
  firstSubmitAt: number | null
  lastSubmitAt: number | null
  lastInclusionAt: number | null
  throughput: { sentPerSec: number; minedPerSec: number }
  latencyMs: { p50: number | null; p95: number | null; p99: number | null }
  submitRttMs: { p50: number | null; p95: number | null; p99: number | null }
  blocks: { count: number; gasUsed: string; ourTxs: number; avgFullness: number | null }
  errors: ErrorGroup[]
  warnings: { code: string; message: string; hint?: string; at: number }[]
  gapFills: number
  /** Replacements sent for txs stuck in the pool (replaceAfterMs), by kind; refused = the node said no. */
  replacements: { speedUp: number; cancel: number; refused: number }
}

/** A run that replaced nothing (or that never said: reports from before replacements). */
export const noReplacements = (): MetricsSnapshot['replacements'] => ({ speedUp: 0, cancel: 0, refused: 0 })

/**
 * Turns the run's event stream into numbers (k6-style: executors emit, the metrics engine
 * consumes). Counts follow each planned tx's latest state, so they agree with the ledger.
 */
export function createAggregator(planned: number) {
  const counts = emptyCounts(planned)
  // Bounded whatever the run's length (docs/metrics.md#percentiles).
  const latencies = createPercentiles()
  const rtts = createPercentiles()
  const errors = new Map<string, ErrorGroup>()
  const warnings: MetricsSnapshot['warnings'] = []
  let status: RunStatus = 'pending'
  let firstSubmitAt: number | null = null
  let lastSubmitAt: number | null = null
  let lastInclusionAt: number | null = null
  let blocks = 0
  let blockGas = 0n
  let ourTxs = 0
  let fullnessSum = 0
  let gapFills = 0
  const replacements = noReplacements()
  const labels = createLabelCounter()

  function onEvent(e: RunEvent) {
    switch (e.type) {
      case 'status':
        status = e.status
        return
      case 'planned':
        counts.planned = e.planned
        return
      case 'replaced':
        if (e.refused) replacements.refused++
        else if (e.kind === 'cancel') replacements.cancel++
        else replacements.speedUp++
        return
      case 'warning':
        warnings.push({ code: e.code, message: e.message, hint: e.hint, at: e.at })
        return
      case 'block':
        blocks++
        blockGas += e.gasUsed
        ourTxs += e.ours
        fullnessSum += e.gasLimit > 0n ? Number((e.gasUsed * 10_000n) / e.gasLimit) / 10_000 : 0
        return
      case 'error': {
        const key = `${e.error.kind}|${e.label ?? ''}`
        const g = errors.get(key)
        if (g) {
          g.count++
          g.retried += e.willRetry ? 1 : 0
          g.lastAt = e.at
        } else
          errors.set(key, {
            kind: e.error.kind,
            label: e.label ?? '',
            title: kindInfo[e.error.kind].title,
            count: 1,
            retried: e.willRetry ? 1 : 0,
            hint: e.error.hint ?? kindInfo[e.error.kind].hint,
            sample: e.error.raw ?? e.error.message,
            firstAt: e.at,
            lastAt: e.at,
          })
        return
      }
      case 'tx': {
        if (e.role === 'gap-fill') {
          if (e.state === 'signed') gapFills++
          return
        }
        labels.onTx(e.label, e.prev, e.state)
        // The event names the state it leaves: no per-tx memory here.
        const prev = e.prev
        if (prev === e.state) {
          if (e.state === 'submitted' && e.submitRttMs !== undefined) rtts.record(e.submitRttMs)
          return
        }
        if (prev !== 'planned') counts[prev]--
        if (e.state !== 'planned') counts[e.state]++
        if (e.state === 'submitted') {
          // From the first send to the last answer: one batch of N txs is N per round trip.
          firstSubmitAt ??= e.submittedAt ?? e.at
          lastSubmitAt = e.at
          if (e.submitRttMs !== undefined) rtts.record(e.submitRttMs)
        }
        if (e.state === 'mined' || e.state === 'reverted') {
          lastInclusionAt = e.at
          if (prev === 'signed') {
            // Seen in a block before the node's answer came back: it was submitted all the same.
            firstSubmitAt ??= e.submittedAt ?? e.at
            lastSubmitAt = e.at
          }
          if (e.latencyMs !== undefined) latencies.record(e.latencyMs)
        }
        return
      }
      default:
        return
    }
  }

  function snapshot(now = Date.now()): MetricsSnapshot {
    const included = counts.mined + counts.reverted
    const reachedNode = included + counts.submitted + counts.dropped
    const sendSpan = firstSubmitAt !== null && lastSubmitAt !== null ? Math.max(lastSubmitAt - firstSubmitAt, 1) : null
    const mineEnd = lastInclusionAt ?? now
    const mineSpan = firstSubmitAt !== null ? Math.max(mineEnd - firstSubmitAt, 1) : null
    return {
      status,
      counts: { ...counts },
      firstSubmitAt,
      lastSubmitAt,
      lastInclusionAt,
      throughput: {
        sentPerSec: sendSpan && reachedNode > 1 ? round((reachedNode / sendSpan) * 1000) : 0,
        minedPerSec: mineSpan && included ? round((included / mineSpan) * 1000) : 0,
      },
      latencyMs: latencies.percentiles(),
      submitRttMs: rtts.percentiles(),
      blocks: {
        count: blocks,
        gasUsed: blockGas.toString(),
        ourTxs,
        avgFullness: blocks ? round(fullnessSum / blocks, 4) : null,
      },
      errors: [...errors.values()].sort((a, b) => b.count - a.count),
      warnings: [...warnings],
      gapFills,
      replacements: { ...replacements },
    }
  }

  /** The counts alone: cheap enough to send with every batch of tx rows. */
  const currentCounts = (): TxCounts => ({ ...counts })

  return { onEvent, snapshot, counts: currentCounts, byLabel: labels.snapshot }
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}

export type Aggregator = ReturnType<typeof createAggregator>
