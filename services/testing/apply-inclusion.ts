import type { Inclusion } from './inclusion-tracker'
import type { RunContext } from './run-context'

/** A receipt seen for one of our hashes: the tx's terminal state, from the chain's answer. */
export function applyInclusion(ctx: RunContext, inc: Inclusion) {
  const r = ctx.byHash.get(inc.hash)
  if (!r) return
  ctx.tracker.unwatch(inc.hash)
  ctx.ledger.move(r, inc.status === 'success' ? 'mined' : 'reverted', {
    includedAt: inc.seenAt,
    blockNumber: inc.blockNumber,
    gasUsed: inc.gasUsed,
    effectiveGasPrice: inc.effectiveGasPrice,
  })
}
