import type { Mode, TestConfig } from '../config/schema'
import { ConfigError } from '../errors/base'
import type { Connection } from './connection'
import type { NodeInfo } from './node-info'

export type EffectiveMining = 'automine' | 'interval' | 'engine' | 'node'

/**
 * Per-mode defaults on an embedded Anvil: concurrent and multi-user runs use engine-driven mining
 * (a block after each wave: the highest throughput, and no automine stranding under load);
 * sequential runs use automine (each tx mined as it arrives: instant feedback). A node the user
 * brought is left as it is unless they ask.
 */
export function chooseMining(config: TestConfig, node: NodeInfo, embedded: boolean): EffectiveMining {
  if (config.mining) {
    if (config.mining !== 'node' && !node.isAnvil)
      throw new ConfigError(
        [
          {
            field: 'mining',
            message: `"${config.mining}" needs an Anvil node; this node (${node.clientVersion}) mines on its own`,
          },
        ],
        { hint: 'Leave mining out (or set it to "node") for nodes other than Anvil.' },
      )
    return config.mining
  }
  if (!embedded || !node.isAnvil) return 'node'
  const byMode: Record<Mode, EffectiveMining> = { sequential: 'automine', concurrent: 'engine', 'multi-user': 'engine' }
  return byMode[config.mode]
}

/** Puts Anvil in the chosen mode; returns how to put it back as it was. */
export async function applyMining(
  conn: Connection,
  node: NodeInfo,
  mining: EffectiveMining,
  blockTime: number | undefined,
): Promise<() => Promise<void>> {
  if (mining === 'node' || !node.isAnvil) return async () => {}
  if (mining === 'automine') await conn.request('evm_setAutomine', [true])
  if (mining === 'interval') await conn.request('evm_setIntervalMining', [blockTime ?? 1])
  if (mining === 'engine') {
    await conn.request('evm_setAutomine', [false])
    await conn.request('evm_setIntervalMining', [0])
  }
  const wasAutomine = node.ownMining.kind === 'automine'
  return async () => {
    if (wasAutomine && mining !== 'automine') await conn.request('evm_setAutomine', [true]).catch(() => undefined)
  }
}
