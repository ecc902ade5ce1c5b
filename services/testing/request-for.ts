import type { Hex } from 'viem'
import type { Connection, RpcRequest } from '../chain/connection'
import type { RpcParams } from '../chain/rpc-schema'
import type { TxRecord } from './tx'

/** How a tx goes to the node: blob txs one per request (a batch of them passes Anvil's 2 MB body limit). */
export const requestFor = (conn: Connection, r: Pick<TxRecord, 'txType'>): RpcRequest =>
  r.txType === 'eip4844' ? conn.requestAlone : conn.request

/** A record's send: its signed bytes, or the fields of a tx the node signs (unlocked senders). */
export type Submission =
  | ['eth_sendRawTransaction', RpcParams<'eth_sendRawTransaction'>]
  | ['eth_sendTransaction', RpcParams<'eth_sendTransaction'>]

/** Makes a submission; the branch keeps each method with its own params' type. */
export const submit = (request: RpcRequest, s: Submission): Promise<Hex> =>
  s[0] === 'eth_sendRawTransaction' ? request(s[0], s[1]) : request(s[0], s[1])
