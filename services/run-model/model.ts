import { createLabelCounter, type LabelCounter, type LabelCounts } from '../metrics/label-counts'
import { createPercentiles, type PercentileRecorder, type Percentiles } from '../metrics/percentiles'
import type { RunEvent, TxEvent } from '../testing/events'
import { isIncluded, isTerminal } from '../testing/tx'
import { countTransition, emptyCounts, includedTotal, reachedNodeTotal, type TxCounts } from './counts'
import { addError, type ErrorGroup, type ErrorGroups, errorGroupsOf } from './error-groups'
import { isTerminalStatus, type RunStatus } from './status'
import { elapsedMs, newTiming, pausedMsOf, type RunTiming, timingOn } from './timing'

/**
 * A run's numbers, from its events alone: the one model the live page, the CLI, thresholds, the
 * report and a stored run's replay all read (docs/architecture.md#run-model). Every per-tx number
 * is taken from facts a tx's stored row keeps, so replaying the store gives the live numbers.
 */
export type RunState = SendBounds & {
  status: RunStatus
  counts: TxCounts
  timing: RunTiming
  lastInclusionAt: number | null
  latencies: PercentileRecorder
  rtts: PercentileRecorder
  blocks: { count: number; gasUsed: bigint; ourTxs: number; fullnessSum: number }
  errors: ErrorGroups
  warnings: { code: string; message: string; hint?: string; at: number }[]
  gapFills: number
  /** Replacements sent for txs stuck in the pool (replaceAfterMs), by kind; refused = the node said no. */
  replacements: { speedUp: number; cancel: number; refused: number }
  labels: LabelCounter
}

/** A run that replaced nothing (or that never said: reports from before replacements). */
export const noReplacements = (): RunState['replacements'] => ({ speedUp: 0, cancel: 0, refused: 0 })

export function newRunState(planned: number): RunState {
  return {
    status: 'pending',
    counts: emptyCounts(planned),
    timing: newTiming(),
    firstSubmitAt: null,
    lastSubmitAt: null,
    lastInclusionAt: null,
    // Bounded whatever the run's length (docs/metrics.md#percentiles).
    latencies: createPercentiles(),
    rtts: createPercentiles(),
    blocks: { count: 0, gasUsed: 0n, ourTxs: 0, fullnessSum: 0 },
    errors: new Map(),
    warnings: [],
    gapFills: 0,
    replacements: noReplacements(),
    labels: createLabelCounter(),
  }
}

/** When the tx was included: its send plus its latency (the block as the engine saw it). */
export const includedAtOf = (e: Pick<TxEvent, 'at' | 'submittedAt' | 'latencyMs'>): number =>
  e.submittedAt !== undefined && e.latencyMs !== undefined ? e.submittedAt + e.latencyMs : e.at

/** The earliest send and latest answer accepting a tx: what bounds the send rate. */
export type SendBounds = { firstSubmitAt: number | null; lastSubmitAt: number | null }

/**
 * Widens `b` when the node accepted the tx with this event: it left "signed" for the pool, or for
 * a block before the answer came. The model folds every tx into its bounds, the writer each tx
 * into its row's (run-writer.ts), so a replay of the rows gets the same bounds.
 */
export function noteAcceptance(b: SendBounds, e: TxEvent): void {
  if (e.prev !== 'signed' || (e.state !== 'submitted' && e.state !== 'mined' && e.state !== 'reverted')) return
  const sentAt = e.submittedAt ?? e.at
  b.firstSubmitAt = b.firstSubmitAt === null ? sentAt : Math.min(b.firstSubmitAt, sentAt)
  b.lastSubmitAt = b.lastSubmitAt === null ? e.at : Math.max(b.lastSubmitAt, e.at)
}

/** The model after one event (mutates and returns `s`: no I/O, no clock). */
export function reduceRun(s: RunState, e: RunEvent): RunState {
  switch (e.type) {
    case 'status':
      // A run that ended stays ended.
      if (isTerminalStatus(s.status)) break
      s.status = e.status
      timingOn(s.timing, e.status, e.at)
      break
    case 'planned':
      s.counts.planned = e.planned
      break
    case 'replaced':
      if (e.refused) s.replacements.refused++
      else if (e.kind === 'cancel') s.replacements.cancel++
      else s.replacements.speedUp++
      break
    case 'warning':
      s.warnings.push({ code: e.code, message: e.message, hint: e.hint, at: e.at })
      break
    case 'block':
      s.blocks.count++
      s.blocks.gasUsed += e.gasUsed
      s.blocks.ourTxs += e.ours
      s.blocks.fullnessSum += e.gasLimit > 0n ? Number((e.gasUsed * 10_000n) / e.gasLimit) / 10_000 : 0
      break
    case 'error':
      addError(s.errors, e)
      break
    case 'tx':
      onTx(s, e)
      break
    default:
      break
  }
  return s
}

function onTx(s: RunState, e: TxEvent) {
  if (e.role === 'gap-fill') {
    if (e.prev === 'planned') s.gapFills++
    return
  }
  s.labels.onTx(e.label, e.prev, e.state)
  countTransition(s.counts, e.prev, e.state)
  // From the first send to the last answer: one batch of N txs is N per round trip.
  noteAcceptance(s, e)
  if (e.prev === e.state) return
  if (isIncluded(e.state)) {
    s.lastInclusionAt = Math.max(s.lastInclusionAt ?? 0, includedAtOf(e))
    if (e.latencyMs !== undefined) s.latencies.record(e.latencyMs)
  }
  // One round trip per tx: the accepted attempt's, once the tx has ended (its row keeps it).
  if (isTerminal(e.state) && e.submitRttMs !== undefined) s.rtts.record(e.submitRttMs)
}

/** The numbers as of `now`: what the live page, the CLI and the report show. */
export type RunSnapshot = {
  status: RunStatus
  counts: TxCounts
  startedAt: number | null
  endedAt: number | null
  /** Wall time so far (to the end once ended). */
  elapsedMs: number
  pausedMs: number
  firstSubmitAt: number | null
  lastSubmitAt: number | null
  lastInclusionAt: number | null
  throughput: { sentPerSec: number; minedPerSec: number }
  latencyMs: Percentiles
  submitRttMs: Percentiles
  blocks: { count: number; gasUsed: string; ourTxs: number; avgFullness: number | null }
  errors: ErrorGroup[]
  warnings: RunState['warnings']
  gapFills: number
  replacements: RunState['replacements']
}

export function snapshotOf(s: RunState, now: number): RunSnapshot {
  const included = includedTotal(s.counts)
  const reachedNode = reachedNodeTotal(s.counts)
  const { firstSubmitAt, lastSubmitAt, lastInclusionAt } = s
  const sendSpan = firstSubmitAt !== null && lastSubmitAt !== null ? Math.max(lastSubmitAt - firstSubmitAt, 1) : null
  const mineSpan = firstSubmitAt !== null ? Math.max((lastInclusionAt ?? now) - firstSubmitAt, 1) : null
  return {
    status: s.status,
    counts: { ...s.counts },
    startedAt: s.timing.startedAt,
    endedAt: s.timing.endedAt,
    elapsedMs: elapsedMs(s.timing, now),
    pausedMs: pausedMsOf(s.timing, now),
    firstSubmitAt,
    lastSubmitAt,
    lastInclusionAt,
    throughput: {
      sentPerSec: sendSpan && reachedNode > 1 ? roundTo((reachedNode / sendSpan) * 1000) : 0,
      minedPerSec: mineSpan && included ? roundTo((included / mineSpan) * 1000) : 0,
    },
    latencyMs: s.latencies.percentiles(),
    submitRttMs: s.rtts.percentiles(),
    blocks: {
      count: s.blocks.count,
      gasUsed: s.blocks.gasUsed.toString(),
      ourTxs: s.blocks.ourTxs,
      avgFullness: s.blocks.count ? roundTo(s.blocks.fullnessSum / s.blocks.count, 4) : null,
    },
    errors: errorGroupsOf(s.errors),
    warnings: [...s.warnings],
    gapFills: s.gapFills,
    replacements: { ...s.replacements },
  }
}

/** The one rounding of a run's rates and shares: one decimal unless said. */
export function roundTo(n: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}

/** A run's model and what it answers (createRunModel). */
export type RunModel = {
  /** The model itself, as the events left it. */
  state: RunState
  /** Folds one event into the model. */
  onEvent: (e: RunEvent) => void
  /** The numbers as of `now` (default: the current time). */
  snapshot: (now?: number) => RunSnapshot
  /** The counts alone: cheap enough to send with every batch of tx rows. */
  counts: () => TxCounts
  /** The planned txs counted by label, in the order the labels first appeared. */
  byLabel: () => LabelCounts[]
}

/** A run's model fed from its event bus (k6-style: the engine emits, the model consumes). */
export function createRunModel(planned: number): RunModel {
  const state = newRunState(planned)
  return {
    state,
    onEvent: (e: RunEvent) => void reduceRun(state, e),
    snapshot: (now = Date.now()) => snapshotOf(state, now),
    counts: (): TxCounts => ({ ...state.counts }),
    byLabel: () => state.labels.snapshot(),
  }
}
