import { createPublicClient, http, type PublicClient, type Transport, webSocket } from 'viem'

export type RpcRequest = (method: string, params?: unknown[]) => Promise<unknown>

export type Connection = {
  readonly url: string
  /** viem client for typed reads (blocks, balances, receipts). */
  readonly client: PublicClient
  /**
   * Raw JSON-RPC through the same transport: calls made in the same tick are merged into one
   * JSON-RPC array (http), which is how the engine batches sends and reads.
   */
  readonly request: RpcRequest
  close(): Promise<void>
}

export type ConnectOptions = {
  batchSize?: number
  timeoutMs?: number
}

/** Connects to any EVM JSON-RPC endpoint over http(s) or ws(s). Retries are the engine's job. */
export function connect(url: string, options: ConnectOptions = {}): Connection {
  const timeout = options.timeoutMs ?? 15_000
  const isWs = url.startsWith('ws://') || url.startsWith('wss://')
  const transport: Transport = isWs
    ? webSocket(url, { retryCount: 0, timeout, reconnect: { attempts: 5, delay: 500 } })
    : http(url, { batch: { batchSize: options.batchSize ?? 100, wait: 0 }, retryCount: 0, timeout })
  const client = createPublicClient({ transport, pollingInterval: 100 })
  const request: RpcRequest = (method, params = []) =>
    (client.request as (args: { method: string; params: unknown[] }) => Promise<unknown>)({ method, params })
  return {
    url,
    client,
    request,
    async close() {
      if (!isWs) return
      const socket = await (client.transport as { getRpcClient?: () => Promise<{ close(): void }> })
        .getRpcClient?.()
        .catch(() => undefined)
      socket?.close()
    },
  }
}
