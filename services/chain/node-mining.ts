import type { Connection } from './connection'

/**
 * How the node produces blocks on its own, before a run sets anything (docs/config.md#mining-anvil).
 * `unknown`: the node does not say (not Anvil); it is taken to mine on its own.
 */
export type NodeMining =
  | { kind: 'automine' }
  /** A block every `seconds`; Anvil answers 0 for a block time under a second. */
  | { kind: 'interval'; seconds: number }
  /** Mines only when asked (`evm_mine`): Anvil's `--no-mining`. */
  | { kind: 'none' }
  | { kind: 'unknown' }

export const unknownMining: NodeMining = { kind: 'unknown' }

/**
 * Reads Anvil's mining mode: `anvil_getAutomine` (a block per tx) and `anvil_getIntervalMining`
 * (seconds between blocks, null when off). Neither = it mines only on request. A node that
 * answers neither method is `unknown`.
 */
export async function readNodeMining(conn: Connection): Promise<NodeMining> {
  const [automine, interval] = await Promise.all([
    conn.request('anvil_getAutomine').catch(() => undefined),
    conn.request('anvil_getIntervalMining').catch(() => undefined),
  ])
  if (typeof automine !== 'boolean') return unknownMining
  if (automine) return { kind: 'automine' }
  if (typeof interval === 'number') return { kind: 'interval', seconds: interval }
  // Automine off and the interval unreadable (an older Anvil): do not claim it never mines.
  return interval === null ? { kind: 'none' } : unknownMining
}

/** `automine`, `interval 2 s`, `none`, `unknown`: the short form summaries print. */
export function nodeMiningLabel(m: NodeMining): string {
  if (m.kind !== 'interval') return m.kind
  return m.seconds >= 1 ? `interval ${m.seconds} s` : 'interval < 1 s'
}

/** A sentence part: what the node does on its own. */
export function describeNodeMining(m: NodeMining): string {
  switch (m.kind) {
    case 'automine':
      return 'mines a block per tx as it arrives (automine)'
    case 'interval':
      return m.seconds >= 1 ? `mines a block every ${m.seconds} s (interval mining)` : 'mines a block every < 1 s'
    case 'none':
      return 'does not mine on its own: neither per tx nor on an interval (as Anvil with --no-mining)'
    case 'unknown':
      return 'mines as it is set up (its mining mode is not readable)'
  }
}
