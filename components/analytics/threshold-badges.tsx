'use client'

import type { ThresholdVerdict } from '@/services/thresholds/evaluate'
import { badgeState, badgeText } from './threshold-state'

const tone = { true: 'badge-ok', false: 'badge-bad', pending: '' } as const

/** One badge per threshold of the run: pass, fail or pending, with the actual value against the target. */
export function ThresholdBadges({ verdicts }: { verdicts: readonly ThresholdVerdict[] | undefined }) {
  if (!verdicts?.length) return null
  const failed = verdicts.filter((v) => badgeState(v) === 'false').length
  return (
    <section className="threshold-badges" aria-label="Thresholds" data-testid="threshold-badges">
      <span className="small muted">Thresholds{failed ? ` — ${failed} failed` : ''}</span>
      {verdicts.map((v, i) => {
        const state = badgeState(v)
        const { label, detail, title } = badgeText(v)
        // Failing so far but not decided yet: amber, so it is seen before it is final.
        const className = state === 'pending' && v.ok === false ? 'badge-warn' : tone[state]
        return (
          <span
            // Thresholds are positional in the config: the index is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            className={`badge ${className}`}
            title={title}
            data-testid="threshold-badge"
            data-ok={state}
          >
            {state === 'true' ? '✓' : state === 'false' ? '✗' : '…'} {label}: <span className="mono">{detail}</span>
          </span>
        )
      })}
    </section>
  )
}
