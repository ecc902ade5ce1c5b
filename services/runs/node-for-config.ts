import type { OpenNodeParameters } from '../chain/node-handle'
import type { TestConfig } from '../config/schema'

/** The node a config asks for: its RPC URL, or the embedded Anvil (as a fork when it names one). */
export function nodeParametersFor(config: TestConfig): OpenNodeParameters {
  return {
    // Reads go to rpcUrl; with only send endpoints, to the first of them.
    rpcUrl: config.rpcUrl ?? config.rpcUrls?.[0],
    batchSize: config.batchSize,
    timeoutMs: config.requestTimeoutMs,
    ...(config.forkUrl && { fork: { url: config.forkUrl, block: config.forkBlock } }),
  }
}

/** A run with its own node (not the app's shared embedded one): a URL of its own, or a fork. */
export function needsOwnNode(config: TestConfig, sharedRpcUrl: string | undefined): boolean {
  const url = config.rpcUrl ?? config.rpcUrls?.[0]
  return Boolean((url && url !== sharedRpcUrl) || config.forkUrl)
}
