import { performance } from 'node:perf_hooks'

/** Why the send loop sat waiting (docs/metrics.md#limit). */
export type WaitReason = 'node' | 'rate' | 'delay' | 'paused' | 'other'

/** Where the sending phase's time went: what the report's `limit` is judged from. */
export type PaceStats = {
  /** Wall time of the sending phase (the scheduler's run, not the drain), paused time left out, ms. */
  sendingMs: number
  /** Waiting with txs at the node: for its answers, its blocks, a free slot in the window. */
  waitedOnNodeMs: number
  /** Waiting for the target rate's next token. */
  waitedOnRateMs: number
  /** Waiting out the think time between one sender's txs (delayMs). */
  waitedOnDelayMs: number
  /** Share of the sending phase the main thread was busy (event-loop utilisation, 0–1). */
  mainThreadBusy: number
  /** CPU this process used over the sending phase, in cores (signing workers included). */
  cpuCores: number
  /** Processes that sent (a distributed run's workers: the figures above are their mean, the cores their sum); absent = one. */
  generators?: number
}

export type PaceMeter = {
  /** The sending phase starts: the clocks start. */
  begin(): void
  /** Times `waiting` under `reason`; waits that overlap (several users) count once each. */
  wait<T>(reason: WaitReason, waiting: Promise<T>): Promise<T>
  /** The sending phase is over: what it spent its time on. */
  end(): PaceStats
}

/**
 * Measures one run's send loop: how long it waited, and on what. The sequential and concurrent
 * loops wait one thing at a time, so their waits add up to at most the phase's length.
 */
export function createPaceMeter(): PaceMeter {
  const waited: Record<WaitReason, number> = { node: 0, rate: 0, delay: 0, paused: 0, other: 0 }
  let startedAt = 0
  let loop = performance.eventLoopUtilization()
  let cpu = process.cpuUsage()
  return {
    begin() {
      startedAt = performance.now()
      loop = performance.eventLoopUtilization()
      cpu = process.cpuUsage()
    },
    async wait(reason, waiting) {
      const from = performance.now()
      try {
        return await waiting
      } finally {
        waited[reason] += performance.now() - from
      }
    },
    end() {
      const wallMs = performance.now() - startedAt
      const used = process.cpuUsage(cpu)
      return {
        sendingMs: Math.round(Math.max(0, wallMs - waited.paused)),
        waitedOnNodeMs: Math.round(waited.node),
        waitedOnRateMs: Math.round(waited.rate),
        waitedOnDelayMs: Math.round(waited.delay),
        mainThreadBusy: performance.eventLoopUtilization(loop).utilization,
        cpuCores: wallMs > 0 ? (used.user + used.system) / 1000 / wallMs : 0,
      }
    },
  }
}
