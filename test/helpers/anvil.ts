import { afterAll, beforeAll } from 'vitest'
import { type Anvil, createAnvil } from '../../services/chain/anvil'
import { type NodeHandle, openNode } from '../../services/chain/node-handle'

/**
 * A fresh Anvil for this test file (own port), reached through the engine's own node handle;
 * started before the file's tests and stopped after them.
 */
export function withTestNode(args: string[] = []): { readonly anvil: Anvil; readonly node: NodeHandle } {
  let anvil: Anvil | undefined
  let node: NodeHandle | undefined
  beforeAll(async () => {
    anvil = await createAnvil({ extraArgs: args })
    await anvil.start()
    node = await openNode({ rpcUrl: anvil.rpcUrl })
  })
  afterAll(async () => {
    await node?.close()
    await anvil?.stop()
  })
  return {
    get anvil() {
      if (!anvil) throw new Error('test node not started')
      return anvil
    },
    get node() {
      if (!node) throw new Error('test node not started')
      return node
    },
  }
}
