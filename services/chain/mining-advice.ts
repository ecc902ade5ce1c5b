import type { TestConfig } from '../config/schema'
import type { EffectiveMining } from './mining'
import type { NodeInfo } from './node-info'
import { describeNodeMining, type NodeMining } from './node-mining'

/** The warning (run start and preview) that a run leaves mining to a node that never mines by itself. */
export const nodeNotMiningCode = 'node-not-mining'

/** What to choose instead of leaving blocks to a node that does not make them (docs/config.md#mining-anvil). */
export const miningSuggestion =
  'Set mining to "engine" (CLI: --mining engine; the engine mines a block after each wave, the fastest) or "interval" (--mining interval; a block every blockTime s, realistic latency).'

/** Block production is left to the node, and the node does not mine on its own. */
export function leavesMiningToIdleNode(mining: EffectiveMining, own: NodeMining): boolean {
  return mining === 'node' && own.kind === 'none'
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

/** Said once, before anything is sent: what such a run will do, and the fix. */
export function nodeNotMiningText(config: Pick<TestConfig, 'stuckRemedy' | 'stuckAfterMs' | 'inclusionTimeoutMs'>): {
  message: string
  hint: string
} {
  const consequence =
    config.stuckRemedy === 'mine'
      ? `its txs are mined only when the stuck-pending watchdog mines a block, after ${seconds(config.stuckAfterMs)} without one`
      : `nothing is mined and its txs are dropped after ${seconds(config.inclusionTimeoutMs)}`
  return {
    message: `The node ${describeNodeMining({ kind: 'none' })}, and this run leaves mining to it: ${consequence}.`,
    hint: miningSuggestion,
  }
}

/**
 * Why txs may sit pending with no new block, by what actually mines in this run: the node's own
 * mode when the run leaves mining to it. Only Anvil 1.7.1's automine strands txs under load
 * (foundry issue #10122); a node that does not mine is not that.
 */
export function stuckHint(mining: EffectiveMining, node: Pick<NodeInfo, 'isAnvil' | 'ownMining'>): string {
  if (!node.isAnvil)
    return 'The node is not producing blocks or not including these transactions: check its block production and tx pool.'
  const meanwhile = 'Keep stuckRemedy "mine" to have a block mined meanwhile.'
  switch (mining === 'node' ? node.ownMining.kind : mining) {
    case 'none':
      return `The node ${describeNodeMining({ kind: 'none' })}. ${miningSuggestion} ${meanwhile}`
    case 'automine':
      return 'Anvil automine can strand transactions under load: use mining "engine" (fastest) or "interval" (realistic latency), or keep stuckRemedy "mine".'
    case 'interval':
      return `Anvil mines on an interval, yet no block came: check its block time, or give blocks room (a larger --gas-limit). ${meanwhile}`
    case 'engine':
      return `The engine mines a block after each wave, yet none came: see the errors for a failing evm_mine. ${meanwhile}`
    default:
      return `Anvil is not producing blocks for these transactions. ${miningSuggestion} ${meanwhile}`
  }
}
