import type { Address, Hex, PublicRpcSchema, TestRpcSchema, WalletRpcSchema } from 'viem'

/**
 * Anvil methods the engine uses that viem's test schema does not list (docs/anvil.md). Shapes are
 * the parts we read; the node may send more.
 */
type AnvilExtraSchema = [
  { Method: 'anvil_metadata'; Parameters?: undefined; ReturnType: AnvilMetadata | null },
  { Method: 'anvil_nodeInfo'; Parameters?: undefined; ReturnType: AnvilNodeInfo | null },
  { Method: 'anvil_getIntervalMining'; Parameters?: undefined; ReturnType: number | null },
  { Method: 'anvil_removePoolTransactions'; Parameters: [address: Address]; ReturnType: null },
  { Method: 'anvil_dropAllTransactions'; Parameters?: undefined; ReturnType: null },
  { Method: 'anvil_rollback'; Parameters?: [depth: number] | undefined; ReturnType: null },
  {
    Method: 'anvil_reorg'
    Parameters: [depth: number, txBlockPairs: [tx: unknown, blockOffset: number][]]
    ReturnType: null
  },
]

/** The part of `anvil_metadata` read: one id per node process (a restart changes it). */
export type AnvilMetadata = { instanceId?: Hex }
/** The part of `anvil_nodeInfo` read: whether the node is a fork, and of what. */
export type AnvilNodeInfo = { forkConfig?: { forkUrl?: string | null; forkBlockNumber?: number | null } }

/** Every JSON-RPC method the engine may call: viem's public, wallet and Anvil test schemas, and Anvil's extras. */
export type EngineRpcSchema = [...PublicRpcSchema, ...WalletRpcSchema, ...TestRpcSchema<'anvil'>, ...AnvilExtraSchema]

type Entry = EngineRpcSchema[number]
export type RpcMethod = Entry['Method']
type EntryOf<M extends RpcMethod> = Extract<Entry, { Method: M }>
export type RpcParams<M extends RpcMethod> = Exclude<EntryOf<M>['Parameters'], undefined>
export type RpcResult<M extends RpcMethod> = EntryOf<M>['ReturnType']
/** Params are optional only where the schema allows none. */
type ParamsArg<M extends RpcMethod> = undefined extends EntryOf<M>['Parameters']
  ? [params?: RpcParams<M>]
  : [params: RpcParams<M>]

/** A typed JSON-RPC call: the method names its params and its answer (viem's schemas). */
export type RpcRequest = <M extends RpcMethod>(method: M, ...params: ParamsArg<M>) => Promise<RpcResult<M>>

/** One call to be made later (a batch of sends): method and params kept together so both stay typed. */
export type RpcCall = { [M in RpcMethod]: [method: M, ...params: ParamsArg<M>] }[RpcMethod]
