import { type Hex, hexToBigInt, hexToNumber, type RpcTransaction, type RpcTransactionReceipt } from 'viem'
import { NotFoundError } from '../errors/base'
import type { TxErrorKind } from '../errors/tx-error'
import type { TxRow } from '../live/frames'
import type { Db } from '../store/db'
import { createRunsRepo, type RunRow } from '../store/runs-repo'
import { getTxRow } from '../store/tx-rows'
import { type AbiCandidate, abiCandidates, type DecodedCall, decodeCall } from './tx-decode'
import { connectRunNode, type RunNode, RunNodeUnreachable } from './tx-node'
import { replayRevert } from './tx-revert'
import { type TimelineStep, type TxAttempt, timelineOf } from './tx-timeline'

export type { TimelineStep, TxAttempt }

export type TxReceiptView = {
  status: 'success' | 'reverted'
  blockNumber: number
  blockHash: string
  /** Block time (ms since epoch; the chain keeps whole seconds); null when the block was not read. */
  blockTimestamp: number | null
  transactionIndex: number
  from: string
  to: string | null
  gasUsed: number
  /** Wei per gas, decimal. */
  effectiveGasPrice: string | null
  logs: number
}

/** The tx as the node holds it (eth_getTransactionByHash). */
export type TxOnChain = { from: string; to: string | null; nonce: number; value: string; gas: number; input: string }

export type TxDetails = {
  runId: string
  tx: TxRow
  attempts: TxAttempt[]
  timeline: TimelineStep[]
  /** reachable: null = not asked (the tx never got a hash). */
  node: { reachable: boolean | null; error: string | null }
  receipt: TxReceiptView | null
  transaction: TxOnChain | null
  call: DecodedCall | null
  /** The decoded revert reason: as the run recorded it, or replayed now when it recorded none. */
  revertReason: string | null
  revertReplayed: boolean
}

export type TxDetailsParameters = {
  db: Db
  runId: string
  idx: number
  /** The server's default node URL (EVM_STRESS_RPC_URL): the run's node when it had a secret path. */
  defaultRpcUrl?: string
  /** How to reach the run's node; default: connect to the URL the run used. */
  connectNode?: (run: RunRow) => Promise<RunNode>
}

/**
 * Everything known about one tx of a run: the stored row, its failed attempts and timeline, and,
 * while the run's node still answers, the receipt and the decoded call. A node that is gone is
 * reported in `node`, never as a failed request: the stored parts are still worth showing.
 */
export async function txDetails(p: TxDetailsParameters): Promise<TxDetails> {
  const run = createRunsRepo(p.db).get(p.runId)
  if (!run) throw new NotFoundError(`No run with id ${p.runId}`, { hint: 'List runs with GET /api/runs.' })
  const tx = getTxRow(p.db, p.runId, p.idx)
  if (!tx)
    throw new NotFoundError(`Run ${p.runId} has no tx ${p.idx}`, {
      hint: 'Txs are recorded once signed or ended; a running run writes them every 200 ms.',
    })
  const attempts = attemptsOf(p.db, p.runId, p.idx)
  const revertReason =
    tx.state === 'reverted' ? (tx.error ?? attempts.findLast((a) => a.kind === 'reverted')?.message ?? null) : null
  const details: TxDetails = {
    runId: p.runId,
    tx,
    attempts,
    timeline: [],
    node: { reachable: null, error: null },
    receipt: null,
    transaction: null,
    call: null,
    revertReason,
    revertReplayed: false,
  }
  if (tx.hash) await readFromNode(details, tx.hash, run, p)
  details.timeline = timelineOf(tx, attempts, details.receipt, details.revertReason)
  return details
}

function attemptsOf(db: Db, runId: string, idx: number): TxAttempt[] {
  const rows = db
    .prepare<
      [string, number],
      { at: number; kind: string; message: string; attempt: number | null; will_retry: number }
    >('SELECT at, kind, message, attempt, will_retry FROM errors WHERE run_id = ? AND tx_idx = ? ORDER BY at, id')
    .all(runId, idx)
  return rows.map((r) => ({
    at: r.at,
    kind: r.kind as TxErrorKind,
    message: r.message,
    attempt: r.attempt,
    willRetry: r.will_retry === 1,
  }))
}

type NodeAnswers = {
  receipt: RpcTransactionReceipt | null
  tx: RpcTransaction | null
  block: { timestamp: Hex } | null
  replayed: string | null
}

async function askNode(
  node: RunNode,
  hash: Hex,
  knownReason: boolean,
  candidates: readonly AbiCandidate[],
): Promise<NodeAnswers> {
  const [receipt, tx] = await Promise.all([
    node.request('eth_getTransactionReceipt', [hash]),
    node.request('eth_getTransactionByHash', [hash]),
  ])
  // The block only adds its time: not worth failing for.
  const block = receipt
    ? await node.request('eth_getBlockByNumber', [receipt.blockNumber, false]).catch(() => null)
    : null
  // Past the run's first 500 reverts no reason was stored: ask the node now.
  const replayed =
    receipt?.status === '0x0' && tx && !knownReason
      ? await replayRevert(node.request, tx, hexToNumber(receipt.blockNumber), candidates).catch(() => null)
      : null
  return { receipt, tx, block, replayed }
}

async function readFromNode(details: TxDetails, hash: Hex, run: RunRow, p: TxDetailsParameters) {
  let node: RunNode | undefined
  let answers: NodeAnswers
  const candidates = abiCandidates(JSON.parse(run.config_json))
  try {
    node = await (p.connectNode ?? ((r) => connectRunNode(r, p.defaultRpcUrl)))(run)
    answers = await askNode(node, hash, details.revertReason !== null, candidates)
  } catch (e) {
    const error =
      e instanceof RunNodeUnreachable ? e.message : 'The node stopped answering while reading this tx (connection lost)'
    details.node = { reachable: false, error }
    return
  } finally {
    await node?.close().catch(() => undefined)
  }
  const { receipt, tx, block, replayed } = answers
  details.node = { reachable: true, error: null }
  if (receipt) details.receipt = receiptView(receipt, block)
  if (replayed !== null) {
    details.revertReason = replayed
    details.revertReplayed = true
  }
  if (!tx) return
  const value = hexToBigInt(tx.value)
  details.transaction = {
    from: tx.from,
    to: tx.to,
    nonce: hexToNumber(tx.nonce),
    value: value.toString(),
    gas: hexToNumber(tx.gas),
    input: tx.input,
  }
  details.call = decodeCall(tx.input, value, candidates)
}

function receiptView(r: RpcTransactionReceipt, block: { timestamp: Hex } | null): TxReceiptView {
  return {
    status: r.status === '0x1' ? 'success' : 'reverted',
    blockNumber: hexToNumber(r.blockNumber),
    blockHash: r.blockHash,
    blockTimestamp: block ? hexToNumber(block.timestamp) * 1000 : null,
    transactionIndex: hexToNumber(r.transactionIndex),
    from: r.from,
    to: r.to,
    gasUsed: hexToNumber(r.gasUsed),
    effectiveGasPrice: r.effectiveGasPrice ? hexToBigInt(r.effectiveGasPrice).toString() : null,
    logs: r.logs.length,
  }
}
