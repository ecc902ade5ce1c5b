import type { TestConfig } from '../config/schema'
import { pctOf } from '../run-model/counts'
import type { PaceStats } from '../testing/pace-meter'

/** What held the run's throughput back (docs/metrics.md#limit). */
export const limitKinds = ['node', 'engine', 'rate', 'delay', 'unclear'] as const
export type LimitBy = (typeof limitKinds)[number]

/** Who held the throughput back: the node, this process, the rate or the think time. */
export const limitLabels: Record<LimitBy, string> = {
  node: 'the node',
  engine: 'the load generator',
  rate: 'the target rate',
  delay: 'the think time (delayMs)',
  unclear: 'not clear',
}

export type Limit = {
  by: LimitBy
  /** The measurement behind the verdict, in a sentence. */
  because: string
  /** What to change to go faster, or why changing this tool's settings will not help. */
  hint: string
  pace: PaceStats
}

/** A wait that took this share of the sending phase or more is what set the pace. */
export const limitingShare = 0.5
/** The main thread busy this share of the phase or more: this process was the limit. */
export const busyShare = 0.8
/** A sending phase shorter than this says too little to judge. */
export const judgeableMs = 1_000

type JudgedConfig = Pick<TestConfig, 'mode' | 'rate' | 'concurrency' | 'delayMs' | 'accounts'>

const pct = (part: number, whole: number) => `${Math.round(pctOf(part, whole) ?? 0)}%`

/**
 * Judges from where the send loop's time went: waiting on the node (its answers, its blocks, a
 * slot in the full window), on the target rate, on think time, or not waiting at all with a busy
 * main thread. Multi-user runs overlap their waits, so they are judged from their shape.
 */
export function judgeLimit(config: JudgedConfig, pace: PaceStats, latencyP50Ms: number | null): Limit {
  const { sendingMs, waitedOnNodeMs, waitedOnRateMs, waitedOnDelayMs, mainThreadBusy } = pace
  const busy = pct(mainThreadBusy, 1)
  const n = pace.generators ?? 1
  // A distributed run's pace is its workers' mean (docs/distributed.md#merge).
  const mainThread =
    n > 1
      ? `the ${n} workers' main threads were busy ${busy} on average`
      : `this process's main thread was busy ${busy}`
  /** Who sent the load, for the hints. */
  const sender = n > 1 ? `the ${n} workers` : 'this process'
  const verdict = (by: LimitBy, because: string, hint: string): Limit => ({ by, because, hint, pace })
  if (sendingMs < judgeableMs)
    return verdict('unclear', `sending took ${sendingMs} ms`, 'A longer run tells what limits it.')
  if (config.mode === 'multi-user') {
    const thinkMs = config.delayMs
    if (latencyP50Ms !== null && thinkMs > latencyP50Ms)
      return verdict(
        'delay',
        `${config.accounts} users each wait ${thinkMs} ms between txs, longer than a tx takes to be mined (p50 ${latencyP50Ms} ms)`,
        'A shorter delayMs, or more users, sends more.',
      )
    return verdict(
      'node',
      `${config.accounts} users each send their next tx once the last is mined (p50 ${latencyP50Ms ?? '—'} ms)`,
      "The node's inclusion time sets each user's pace; more users add load while the node has room.",
    )
  }
  if (waitedOnDelayMs >= limitingShare * sendingMs)
    return verdict(
      'delay',
      `the send loop waited it out ${pct(waitedOnDelayMs, sendingMs)} of the sending time (${config.delayMs} ms between txs)`,
      'A shorter delayMs sends more.',
    )
  if (waitedOnRateMs >= limitingShare * sendingMs)
    return verdict(
      'rate',
      `${config.rate} tx/s; the send loop waited for its next token ${pct(waitedOnRateMs, sendingMs)} of the sending time`,
      `The node and ${sender} kept up: a higher rate finds where they stop.`,
    )
  if (waitedOnNodeMs >= limitingShare * sendingMs)
    return verdict(
      'node',
      config.mode === 'sequential'
        ? `one tx at a time, the send loop waited on it ${pct(waitedOnNodeMs, sendingMs)} of the sending time (p50 ${latencyP50Ms ?? '—'} ms a tx)`
        : `the send loop waited on it ${pct(waitedOnNodeMs, sendingMs)} of the sending time, with up to ${config.concurrency} txs in flight; ${mainThread}`,
      config.mode === 'sequential'
        ? "The node's round trip sets the pace of one tx at a time: concurrent mode sends more."
        : `The node takes txs slower than ${sender} ${n > 1 ? 'send' : 'sends'} them: this is its pace. More concurrency only queues more at the node.`,
    )
  if (mainThreadBusy >= busyShare)
    return verdict(
      'engine',
      n > 1
        ? `${mainThread} of the sending time; their send loops waited on the node ${pct(waitedOnNodeMs, sendingMs)}`
        : `its main thread was busy ${busy} of the sending time; the send loop waited on the node ${pct(waitedOnNodeMs, sendingMs)}`,
      n > 1
        ? 'More workers (on other machines: docs/distributed.md) send more.'
        : 'signWorkers moves signing to other cores; a faster machine, or more generators (--workers), sends more.',
    )
  return verdict(
    'unclear',
    `the send loop waited on the node ${pct(waitedOnNodeMs, sendingMs)} and on the rate ${pct(waitedOnRateMs, sendingMs)} of the sending time; its main thread was busy ${busy}`,
    `Neither the node nor ${sender} held the run back for most of it.`,
  )
}
