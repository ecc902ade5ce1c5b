import { type Anvil, createAnvil } from '../../services/chain/anvil'
import { type NodeHandle, openNode } from '../../services/chain/node-handle'

/** A fresh Anvil per test file (own port), reached through the engine's own node handle. */
export async function startTestNode(args: string[] = []): Promise<{ anvil: Anvil; node: NodeHandle }> {
  const anvil = await createAnvil({ extraArgs: args })
  await anvil.start()
  const node = await openNode({ rpcUrl: anvil.rpcUrl })
  return { anvil, node }
}
