import { ConfigError } from '../errors/base'
import { type Anvil, type AnvilFork, createAnvil } from './anvil'
import { type Connection, connect } from './connection'
import { getNodeInfo, type NodeInfo, redactUrl } from './node-info'

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
  /** Without `rpcUrl`: the embedded Anvil starts as a fork of this chain (config `forkUrl`, `forkBlock`). */
  fork?: AnvilFork
}

/** A fork reads the state it needs from its origin first: slower to answer than a fresh chain. */
const forkStartTimeoutMs = 120_000

/** The node a run talks to: the given URL, or an embedded Anvil started on a free port. */
export async function openNode(p: OpenNodeParameters = {}): Promise<NodeHandle> {
  let anvil: Anvil | undefined
  let url = p.rpcUrl
  if (!url) {
    anvil = await createAnvil(p.fork ? { fork: p.fork, startTimeoutMs: forkStartTimeoutMs } : {})
    await anvil.start().catch((error: unknown) => {
      throw p.fork ? forkFailed(p.fork, error) : error
    })
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

/** Anvil could not fork (origin unreachable, block beyond its head): bad input, the field named. */
function forkFailed(fork: AnvilFork, error: unknown): ConfigError {
  const details = error instanceof Error && 'details' in error ? String(error.details ?? '') : ''
  // Anvil's error line and its root cause ("Error: failed to get fork block number" … "Connection
  // refused"); URLs in them are redacted like any other (they may carry an API key).
  const lines = details.split('\n').map((l) => l.trim())
  const at = lines.findIndex((l) => /^error/i.test(l))
  const first = at >= 0 ? lines[at] : undefined
  const cause =
    lines
      .filter((l) => /^- Error #\d+:/.test(l))
      .at(-1)
      ?.replace(/^- Error #\d+:\s*/, '') ?? lines[at + 1]
  const said = first
    ? [first, cause].filter(Boolean).join(': ')
    : error instanceof Error
      ? error.message
      : String(error)
  const why = said.replace(/\b(?:https?|wss?):\/\/[^\s)]+/g, (url) => redactUrl(url))
  return new ConfigError(
    [
      {
        field: 'forkUrl',
        message: `the embedded Anvil could not fork ${redactUrl(fork.url)}${fork.block === undefined ? '' : ` at block ${fork.block}`}: ${why.slice(0, 300)}`,
      },
    ],
    {
      hint: 'Check that the node at forkUrl answers (an archive node for an old forkBlock) and that forkBlock is not past its head.',
    },
  )
}
