import { StressError } from './base'

export const txErrorKinds = [
  'nonce-too-low',
  'already-known',
  'replacement-underpriced',
  'insufficient-funds',
  'fee-below-base-fee',
  'blob-fee-too-low',
  'intrinsic-gas-too-low',
  'gas-above-block-limit',
  'wrong-chain',
  'unknown-sender',
  'reverted',
  'timeout',
  'connection',
  'rate-limited',
  'node-internal',
  'request-too-large',
  'nonce-taken',
  'record-lost',
  'node-lost',
  'unknown',
] as const
export type TxErrorKind = (typeof txErrorKinds)[number]

/** What a failed send did to the sender's nonce. */
export type NonceEffect = 'consumed' | 'free' | 'unknown'

type KindInfo = { retryable: boolean; nonce: NonceEffect; title: string; hint: string }

/**
 * The behaviour of each kind lives here and nowhere else: whether to try again and what
 * happened to the nonce decide the engine's recovery; title + hint are what people read.
 */
export const kindInfo: Record<TxErrorKind, KindInfo> = {
  'nonce-too-low': {
    retryable: true,
    nonce: 'consumed',
    title: 'Nonce too low',
    hint: 'Another sender used this account at the same time; the engine re-reads the nonce and resends. Avoid sharing test accounts between runs.',
  },
  'already-known': {
    retryable: false,
    nonce: 'consumed',
    title: 'Transaction already in the pool',
    hint: 'The node had already accepted this exact transaction (usually a resend after a timeout); it is tracked as submitted.',
  },
  'replacement-underpriced': {
    retryable: true,
    nonce: 'consumed',
    title: 'Nonce taken by another pending transaction',
    hint: 'A different transaction with this nonce is pending; the engine re-reads the nonce. Do not send from these accounts elsewhere during a run.',
  },
  'insufficient-funds': {
    retryable: false,
    nonce: 'free',
    title: 'Insufficient funds for gas × price + value',
    hint: 'Fund the sender accounts with more ETH (fundWith), lower value/gas/fees, or use fewer transactions per account.',
  },
  'fee-below-base-fee': {
    retryable: true,
    nonce: 'free',
    title: 'Max fee per gas below the block base fee',
    hint: 'Base fee rose under load; the engine re-prices and resends. Set maxFeePerGas higher to avoid the extra round trip.',
  },
  'blob-fee-too-low': {
    retryable: true,
    nonce: 'free',
    title: 'Max fee per blob gas below the blob base fee',
    hint: 'Blob base fee rose under load (blocks above the blob target raise it); the engine re-prices and resends unless maxFeePerBlobGas was set — raise it then.',
  },
  'intrinsic-gas-too-low': {
    retryable: false,
    nonce: 'free',
    title: 'Gas limit below the intrinsic cost',
    hint: 'Raise gasLimit (a plain transfer needs 21000) or leave it out to let the engine estimate it.',
  },
  'gas-above-block-limit': {
    retryable: false,
    nonce: 'free',
    title: 'Gas limit above the block gas limit',
    hint: "Lower gasLimit below the node's block gas limit, or start Anvil with a larger --gas-limit.",
  },
  'wrong-chain': {
    retryable: false,
    nonce: 'free',
    title: 'Transaction signed for another chain',
    hint: 'The node reports a different chain id than the transactions were signed for; check the RPC URL.',
  },
  'unknown-sender': {
    retryable: false,
    nonce: 'free',
    title: 'The node cannot sign for this account',
    hint: 'Use generated accounts (signed locally), or impersonate the address on Anvil.',
  },
  reverted: {
    retryable: false,
    nonce: 'consumed',
    title: 'Execution reverted',
    hint: 'The contract rejected the call; see the decoded reason.',
  },
  timeout: {
    retryable: true,
    nonce: 'unknown',
    title: 'Request timed out',
    hint: 'The node is slow under this load; the engine resends the same signed transaction. Lower concurrency/rate or raise requestTimeoutMs.',
  },
  connection: {
    retryable: true,
    nonce: 'unknown',
    title: 'Connection to the node failed',
    hint: 'Check that the node is running and reachable; the engine resends the same signed transaction.',
  },
  'rate-limited': {
    retryable: true,
    nonce: 'free',
    title: 'Rate limited by the node',
    hint: 'The endpoint refuses this request rate; set a lower rate or concurrency, or use a node without limits.',
  },
  'node-internal': {
    retryable: true,
    nonce: 'unknown',
    title: 'Node internal error',
    hint: "The node failed to handle the request; the engine retries. Check the node's logs if it persists.",
  },
  'request-too-large': {
    retryable: false,
    nonce: 'free',
    title: 'Request refused as too large (or invalid)',
    hint: 'Lower batchSize or the calldata size (Anvil refuses bodies over 2 MB unless started with --no-request-size-limit).',
  },
  // The three below are found by reconciling with the chain, not answered by the node.
  'nonce-taken': {
    retryable: false,
    nonce: 'consumed',
    title: 'Nonce used by another transaction',
    hint: 'Another tx of this account was mined with the same nonce (sent from elsewhere, or a replacement): do not share test accounts with other senders during a run.',
  },
  'record-lost': {
    retryable: false,
    nonce: 'consumed',
    title: 'Node lost the transaction',
    hint: 'Its nonce is used on chain, yet the node has no receipt or block for it: the node restarted from a state older than its blocks (Anvil --state dumps can lag), or went back to a snapshot taken while it was mining (an Anvil 1.7.1 evm_snapshot can hold the state of a block it then does not keep). Its effects are probably on chain; its receipt is gone.',
  },
  'node-lost': {
    retryable: false,
    nonce: 'unknown',
    title: 'Node lost',
    hint: 'The node stopped answering for longer than nodeLostAfterMs; these txs may or may not be on chain. Restart the node and run again, or raise nodeLostAfterMs to wait longer.',
  },
  unknown: {
    retryable: false,
    nonce: 'unknown',
    title: 'Unrecognised node error',
    hint: "See the node's raw message; report it if the engine should understand it.",
  },
}

/** A node/RPC failure, classified once at the chain boundary. */
export class TxError extends StressError {
  override name = 'TxError'
  override readonly code: string
  readonly kind: TxErrorKind
  readonly retryable: boolean
  readonly nonceEffect: NonceEffect
  /** The node's own words, kept for the record. */
  readonly raw: string
  readonly rpcCode: number | undefined

  constructor(kind: TxErrorKind, raw: string, rpcCode?: number, cause?: unknown) {
    const info = kindInfo[kind]
    super(info.title, { hint: info.hint, details: raw, cause })
    this.kind = kind
    this.code = kind
    this.retryable = info.retryable
    this.nonceEffect = info.nonce
    this.raw = raw
    this.rpcCode = rpcCode
  }
}
