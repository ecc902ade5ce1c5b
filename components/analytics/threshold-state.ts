import { type ThresholdVerdict, withUnit } from '@/services/thresholds/evaluate'

/** A badge's state: failed only once definite (a live failure that may still recover is "pending"). */
export type BadgeState = 'true' | 'false' | 'pending'

export function badgeState(v: ThresholdVerdict): BadgeState {
  if (v.ok === true) return 'true'
  return v.ok === false && v.definite ? 'false' : 'pending'
}

/** What a badge says: its name, the actual value against the target, and why it is pending. */
export function badgeText(v: ThresholdVerdict): { label: string; detail: string; title: string } {
  const actual = v.actual === null ? 'no data' : withUnit(v.actual, v.unit)
  const target = `${v.op} ${withUnit(v.value, v.unit)}`
  const state = badgeState(v)
  const why =
    state === 'pending'
      ? v.ok === false
        ? `failing so far, not decided yet${v.reason ? ` (${v.reason})` : ''}`
        : (v.reason ?? 'no data yet')
      : state === 'true'
        ? 'holds'
        : `failed${v.abortOnFail ? ' (abortOnFail)' : ''}`
  return { label: v.name, detail: `${actual} (target ${target})`, title: `${v.metric} ${target}: ${why}` }
}
