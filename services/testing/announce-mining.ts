import type { EffectiveMining } from '../chain/mining'
import { leavesMiningToIdleNode, nodeNotMiningCode, nodeNotMiningText } from '../chain/mining-advice'
import type { NodeInfo } from '../chain/node-info'
import { describeNodeMining } from '../chain/node-mining'
import type { TestConfig } from '../config/schema'
import type { RunEventBus } from './events'

/** The node's own mining mode and this run's, said before anything is sent; a node that will not mine, loudly. */
export function announceMining(bus: RunEventBus, config: TestConfig, node: NodeInfo, mining: EffectiveMining) {
  const at = Date.now()
  bus.emit('event', {
    type: 'log',
    at,
    message: `The node ${describeNodeMining(node.ownMining)}; this run's mining: ${mining}.`,
  })
  if (leavesMiningToIdleNode(mining, node.ownMining))
    bus.emit('event', { type: 'warning', at, code: nodeNotMiningCode, ...nodeNotMiningText(config) })
}
