import type { Hex } from 'viem'
import { classifyError } from '../errors/classify'
import { type Connection, transientKinds } from './connection'

/**
 * Anvil's id of this process (`anvil_metadata.instanceId`, new at every start): it tells a restarted
 * node from the same one when the chains alone cannot — a fresh Anvil started within the same second
 * has the very same genesis block (docs/architecture.md#gaps). Undefined for a node without the
 * method; a node that cannot be reached throws, so the caller asks again rather than guess.
 */
export async function readInstanceId(conn: Connection): Promise<Hex | undefined> {
  try {
    const meta = await conn.request('anvil_metadata')
    return meta?.instanceId
  } catch (error) {
    if (transientKinds.has(classifyError(error).kind)) throw error
    return undefined
  }
}
