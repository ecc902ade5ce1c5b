import { createPublicClient, http, type PublicClient, type Transport, webSocket } from 'viem'
import { classifyError } from '../errors/classify'

import type { RpcRequest } from './rpc-schema'

export type { RpcRequest } from './rpc-schema'

export type Connection = {
  readonly url: string
  /** viem client for typed reads (blocks, balances, receipts). */
  readonly client: PublicClient
  /**
   * Raw JSON-RPC through the same transport: calls made in the same tick are merged into one
   * JSON-RPC array (http), which is how the engine batches sends and reads.
   */
  readonly request: RpcRequest
  /** One request per http body, never merged: for bulky ones (blob txs) that a batch would push over a node's body limit. */
  readonly requestAlone: RpcRequest
  close(): Promise<void>
}

export type ConnectOptions = {
  batchSize?: number
  timeoutMs?: number
  /** Attempts after the first for reads and other requests safe to repeat (default 4). */
  retries?: number
  /** The largest answer taken over http (default `maxResponseBytes`). */
  maxResponseBytes?: number
}

/**
 * Requests that may simply be sent again when the network or the node failed to answer: reads,
 * and Anvil controls whose repetition is harmless. Sends are not here — the dispatcher decides
 * what a failed send means for its nonce.
 */
const safeToRepeat = new Set([
  'eth_chainId',
  'eth_blockNumber',
  'eth_getBlockByNumber',
  'eth_getBlockReceipts',
  'eth_getTransactionReceipt',
  'eth_getTransactionByHash',
  'eth_getTransactionCount',
  'eth_getBalance',
  'eth_call',
  'eth_estimateGas',
  'eth_gasPrice',
  'eth_accounts',
  'web3_clientVersion',
  'txpool_status',
  'anvil_getAutomine',
  'anvil_getIntervalMining',
  'anvil_metadata',
  'anvil_setBalance',
  'evm_mine',
  'evm_setAutomine',
  'evm_setIntervalMining',
  'anvil_dropTransaction',
  'anvil_removePoolTransactions',
  'anvil_impersonateAccount',
  'anvil_stopImpersonatingAccount',
])

/**
 * The largest JSON-RPC answer taken (viem's default is 10 MB): raised deliberately for blocks of
 * thousands of txs with logs, which the tracker still reads in bounded groups
 * (docs/architecture.md#reading-blocks).
 */
export const maxResponseBytes = 64 * 1024 * 1024

/** Error kinds that say the node (or the way to it) did not answer, not that it said no. */
export const transientKinds: ReadonlySet<string> = new Set(['timeout', 'connection', 'node-internal', 'rate-limited'])

/**
 * Runs `attempt` again, with backoff from 100 ms doubling, while it fails with a transient kind,
 * at most `retries` more times; any other failure, or the last one, is thrown. Only for calls
 * that are harmless to repeat (reads, or the same signed bytes sent again).
 */
export async function retryTransient<T>(attempt: () => Promise<T>, retries: number): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt()
    } catch (error) {
      if (n >= retries || !transientKinds.has(classifyError(error).kind)) throw error
      await new Promise((r) => setTimeout(r, 100 * 2 ** n))
    }
  }
}

/**
 * Connects to any EVM JSON-RPC endpoint over http(s) or ws(s). Requests safe to repeat are
 * retried with backoff when the network or node fails (timeouts, resets, 5xx, 429); everything
 * else fails at once and the engine decides.
 */
export function connect(url: string, options: ConnectOptions = {}): Connection {
  const timeout = options.timeoutMs ?? 15_000
  const isWs = url.startsWith('ws://') || url.startsWith('wss://')
  const transport: Transport = isWs
    ? webSocket(url, { retryCount: 0, timeout, reconnect: { attempts: 5, delay: 500 } })
    : http(url, {
        batch: { batchSize: options.batchSize ?? 100, wait: 0 },
        retryCount: 0,
        timeout,
        maxResponseBodySize: options.maxResponseBytes ?? maxResponseBytes,
      })
  const client = createPublicClient({ transport, pollingInterval: 100 })
  // The one untyped edge: the schema's method↔params pairing is checked at RpcRequest's callers.
  type Raw = (args: { method: string; params: unknown }) => Promise<never>
  const once: RpcRequest = (method, ...params) => (client.request as Raw)({ method, params: params[0] ?? [] })
  // Anvil refuses bodies above 2 MB: a batch of blob txs (~260 KB of hex per blob) goes over it.
  const alone = isWs
    ? client
    : createPublicClient({
        transport: http(url, {
          retryCount: 0,
          timeout,
          maxResponseBodySize: options.maxResponseBytes ?? maxResponseBytes,
        }),
      })
  const requestAlone: RpcRequest = (method, ...params) => (alone.request as Raw)({ method, params: params[0] ?? [] })
  const retries = options.retries ?? 4
  const request: RpcRequest = async (method, ...params) => {
    if (!safeToRepeat.has(method)) return once(method, ...params)
    return retryTransient(() => once(method, ...params), retries)
  }
  return {
    url,
    client,
    request,
    requestAlone,
    async close() {
      if (!isWs) return
      const socket = await (client.transport as { getRpcClient?: () => Promise<{ close(): void }> })
        .getRpcClient?.()
        .catch(() => undefined)
      socket?.close()
    },
  }
}
