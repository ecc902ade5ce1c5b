import { type Anvil, createAnvil } from './anvil'
import { type Connection, connect } from './connection'
import { getNodeInfo, type NodeInfo } from './node-info'

export type NodeHandle = {
  conn: Connection
  info: NodeInfo
  /** Started by us: its mining mode is ours to choose and it stops with us. */
  embedded: boolean
  anvil: Anvil | undefined
  close(): Promise<void>
}

export type OpenNodeParameters = {
  rpcUrl?: string
  batchSize?: number
  timeoutMs?: number
  /** The largest answer taken (default `maxResponseBytes`). */
  maxResponseBytes?: number
}

/** The node a run talks to: the given URL, or an embedded Anvil started on a free port. */
export async function openNode(p: OpenNodeParameters = {}): Promise<NodeHandle> {
  let anvil: Anvil | undefined
  let url = p.rpcUrl
  if (!url) {
    anvil = await createAnvil()
    await anvil.start()
    url = anvil.rpcUrl
  }
  const conn = connect(url, { batchSize: p.batchSize, timeoutMs: p.timeoutMs, maxResponseBytes: p.maxResponseBytes })
  try {
    const info = await getNodeInfo(conn)
    return {
      conn,
      info,
      embedded: Boolean(anvil),
      anvil,
      async close() {
        await conn.close()
        await anvil?.stop()
      },
    }
  } catch (error) {
    await conn.close()
    await anvil?.stop()
    throw error
  }
}
