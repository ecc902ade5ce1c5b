import { hexToNumber } from 'viem'
import { type Connection, connect, type RpcRequest } from '../chain/connection'
import { redactUrl } from '../chain/node-info'
import { classifyError } from '../errors/classify'
import { kindInfo } from '../errors/tx-error'
import type { RunRow } from '../store/runs-repo'

/** The node a finished or running run used, asked for a few reads; always closed after. */
export type RunNode = { request: RpcRequest; close(): Promise<void> }

/** Why the run's node cannot answer: said to people, never with the URL's secret parts. */
export class RunNodeUnreachable extends Error {
  override name = 'RunNodeUnreachable'
}

/**
 * The URL the run talked to. The stored `rpc_url` is redacted (no path, query or user), so: the
 * run's own `rpcUrl` from its config; else the stored URL when nothing was cut from it (the
 * embedded Anvil, a plain host:port); else the server's default node when it redacts to the same.
 */
export function runNodeUrl(run: RunRow, defaultRpcUrl: string | undefined): string | null {
  const config = JSON.parse(run.config_json) as { rpcUrl?: unknown; rpcUrls?: unknown }
  if (typeof config.rpcUrl === 'string' && config.rpcUrl) return config.rpcUrl
  // Send endpoints alone: the run read from the first of them.
  const [first] = Array.isArray(config.rpcUrls) ? config.rpcUrls : []
  if (typeof first === 'string' && first) return first
  if (!run.rpc_url) return null
  if (!run.rpc_url.endsWith('/…')) return run.rpc_url
  if (defaultRpcUrl && redactUrl(defaultRpcUrl) === run.rpc_url) return defaultRpcUrl
  return null
}

/**
 * Connects to the run's node for the details of one tx: short timeout, no retries (a person is
 * waiting, and a gone node should say so quickly), and a check that it is still the run's chain.
 */
export async function connectRunNode(run: RunRow, defaultRpcUrl: string | undefined): Promise<RunNode> {
  const url = runNodeUrl(run, defaultRpcUrl)
  if (!url) throw new RunNodeUnreachable('The URL of the node this run used is not known to this server')
  let conn: Connection
  try {
    conn = connect(url, { timeoutMs: 3_000, retries: 0 })
  } catch (e) {
    throw new RunNodeUnreachable(`Cannot connect to ${redactUrl(url)}: ${classifyError(e).kind}`)
  }
  try {
    const chainId = hexToNumber(await conn.request('eth_chainId'))
    if (run.chain_id !== null && chainId !== run.chain_id)
      throw new RunNodeUnreachable(
        `The node at ${redactUrl(url)} is on chain ${chainId}; this run used ${run.chain_id}`,
      )
  } catch (e) {
    await conn.close()
    if (e instanceof RunNodeUnreachable) throw e
    throw new RunNodeUnreachable(`${kindInfo[classifyError(e).kind].title} (${redactUrl(url)})`)
  }
  return { request: conn.request, close: () => conn.close() }
}
