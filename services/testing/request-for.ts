import type { Connection, RpcRequest } from '../chain/connection'
import type { TxRecord } from './tx'

/** How a tx goes to the node: blob txs one per request (a batch of them passes Anvil's 2 MB body limit). */
export const requestFor = (conn: Connection, r: Pick<TxRecord, 'txType'>): RpcRequest =>
  r.txType === 'eip4844' ? conn.requestAlone : conn.request
