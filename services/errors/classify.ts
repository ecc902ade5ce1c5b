import { causeChain } from './cause-chain'
import { TxError, type TxErrorKind } from './tx-error'

type Facts = { rpcCode?: number; httpStatus?: number; messages: string[]; names: string[] }

/** Collects codes and messages from an error and its causes (viem nests them). */
function gather(error: unknown): Facts {
  const facts: Facts = { messages: [], names: [] }
  for (const current of causeChain(error)) {
    if (typeof current !== 'object') {
      facts.messages.push(safeString(current))
      break
    }
    const e = current as {
      code?: unknown
      status?: unknown
      details?: unknown
      message?: unknown
      name?: unknown
    }
    if (typeof e.code === 'number' && facts.rpcCode === undefined) facts.rpcCode = e.code
    if (typeof e.status === 'number' && facts.httpStatus === undefined) facts.httpStatus = e.status
    if (typeof e.details === 'string') facts.messages.push(e.details)
    if (typeof e.message === 'string') facts.messages.push(e.message)
    if (typeof e.name === 'string') facts.names.push(e.name)
  }
  return facts
}

// Node messages differ between clients (geth, Anvil, reth, Nethermind, Besu): match their variants.
const patterns: [RegExp, TxErrorKind][] = [
  [/nonce too low|nonce has already been used|OldNonce|invalid nonce/i, 'nonce-too-low'],
  [/already (imported|known)|known transaction|AlreadyKnown/i, 'already-known'],
  [/replacement transaction underpriced|underpriced|ReplacementUnderpriced/i, 'replacement-underpriced'],
  [/insufficient funds|InsufficientFunds|not enough (funds|balance)/i, 'insufficient-funds'],
  [
    /max fee per gas less than block base fee|fee cap.*(less|lower|below).*base fee|FeeCapTooLow/i,
    'fee-below-base-fee',
  ],
  // Before "base fee": Anvil names the block's blob gas price; geth and reth say "blob fee cap" / "blob gas fee".
  [
    /blob_gas_price.*greater than.*max_fee_per_blob_gas|max fee per blob gas less than|blob fee cap|BlobFeeCapTooLow|blob gas fee too low/i,
    'blob-fee-too-low',
  ],
  [/intrinsic gas too low|gas too low/i, 'intrinsic-gas-too-low'],
  [
    /gas_limit > env\.block\.gas_limit|exceeds block gas limit|intrinsic gas too high|gas limit reached/i,
    'gas-above-block-limit',
  ],
  [/invalid chain id|chain ?id mismatch|incorrect chain id/i, 'wrong-chain'],
  [/no signer available|unknown account|account not found/i, 'unknown-sender'],
  [/execution reverted|revert/i, 'reverted'],
  [/request (body )?too large|payload too large|body size/i, 'request-too-large'],
  [/rate limit|too many requests/i, 'rate-limited'],
  [/timed? ?out|TimeoutError/i, 'timeout'],
  [/ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|fetch failed|network|closed|other side closed|UND_ERR/i, 'connection'],
]

/** Turns any failure from the node boundary into a TxError. The only place that reads messages. */
export function classifyError(error: unknown): TxError {
  if (error instanceof TxError) return error
  const facts = gather(error)
  const raw = facts.messages.find((m) => m.trim()) ?? safeString(error)
  const text = [...facts.messages, ...facts.names].join('\n')
  const make = (kind: TxErrorKind) => new TxError(kind, firstLine(raw), facts.rpcCode, error)

  if (facts.httpStatus === 429) return make('rate-limited')
  if (facts.httpStatus === 413) return make('request-too-large')
  // The node's words first: codes are reused loosely between clients.
  for (const [pattern, kind] of patterns) if (pattern.test(text)) return make(kind)
  if (facts.rpcCode === -32005) return make('rate-limited')
  // The engine never sends malformed JSON-RPC: an "invalid request" is a body the node would not
  // take, which for Anvil means one over its 2 MB limit.
  if (facts.rpcCode === -32600) return make('request-too-large')
  if (facts.names.includes('TimeoutError')) return make('timeout')
  if (facts.httpStatus !== undefined && facts.httpStatus >= 500) return make('node-internal')
  if (facts.rpcCode === -32603) return make('node-internal')
  if (facts.names.includes('HttpRequestError') || facts.names.includes('SocketClosedError')) return make('connection')
  return make('unknown')
}

function firstLine(s: string): string {
  return s.split('\n')[0]?.slice(0, 500) ?? ''
}

/** Anything thrown, as text, even objects whose toString is broken (classification never throws). */
function safeString(v: unknown): string {
  try {
    return String(v)
  } catch {
    return Object.prototype.toString.call(v)
  }
}
