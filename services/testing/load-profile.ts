import type { TestConfig } from '../config/schema'

export type Stage = NonNullable<TestConfig['stages']>[number]
export type LoadTarget = { rate: number | undefined; concurrency: number; stage: number }

/**
 * Stages (k6's ramping model): each moves the target linearly from where the previous stage
 * ended to its own over its duration — warm-up → steady → cool-down. The target is a rate
 * (open model) or a concurrency (closed model). `at` returns undefined once the last stage ends.
 */
export function createLoadProfile(config: TestConfig, startedAt: number) {
  const stages = config.stages ?? []
  const kind = stages[0]?.rate !== undefined ? 'rate' : 'concurrency'
  return {
    kind,
    at(now: number): LoadTarget | undefined {
      if (!stages.length) return { rate: config.rate, concurrency: config.concurrency, stage: 0 }
      let t = now - startedAt
      let from = kind === 'rate' ? 0 : 1
      for (const [i, stage] of stages.entries()) {
        const to = (kind === 'rate' ? stage.rate : stage.concurrency) ?? from
        if (t < stage.durationMs) {
          const value = from + ((to - from) * t) / stage.durationMs
          return kind === 'rate'
            ? { rate: Math.max(value, 1), concurrency: config.concurrency, stage: i }
            : { rate: undefined, concurrency: Math.max(1, Math.round(value)), stage: i }
        }
        t -= stage.durationMs
        from = to
      }
      return undefined
    },
  }
}
