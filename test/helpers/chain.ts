import { type Address, type Hash, isAddress } from 'viem'
import { expect } from 'vitest'
import type { NodeHandle } from '../../services/chain/node-handle'

/**
 * A report's account addresses are plain strings; the RPC wants an `Address`. This checks the
 * string and hands it on typed (a malformed one throws, naming it).
 */
export function asAddress(value: string): Address {
  if (!isAddress(value, { strict: false })) throw new Error(`not an address: ${JSON.stringify(value)}`)
  return value
}

/** A value the test knows is there (a mined tx's hash, its receipt on chain): null or undefined throws, naming it. */
export function known<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${value}`)
  return value
}

/** The chain's own answers, read directly, not through the engine's bookkeeping. */
export async function onChainNonce(node: NodeHandle, address: string, tag: 'latest' | 'pending' = 'latest') {
  return node.info && Number(BigInt(await node.conn.request('eth_getTransactionCount', [asAddress(address), tag])))
}

export async function receiptOf(node: NodeHandle, hash: Hash) {
  return node.conn.request('eth_getTransactionReceipt', [hash])
}

/** No account left with a hole: the chain mined what the report expects and holds nothing queued. */
export async function expectNoNonceGap(
  node: NodeHandle,
  accounts: readonly { address: string; expectedNonce: number }[],
) {
  for (const a of accounts) {
    expect(await onChainNonce(node, a.address), `nonce of ${a.address}`).toBe(a.expectedNonce)
    expect(await onChainNonce(node, a.address, 'pending'), `pending nonce of ${a.address}`).toBe(a.expectedNonce)
  }
}

type ReportLike = {
  invariantHolds: boolean
  chainAgrees: boolean | null
  counts: { mined: number; reverted: number; unconfirmed: number }
  gapFills: number
  accounts: readonly { address: string; expectedNonce: number; sent: number }[]
}

/**
 * The report equals the chain: the invariant, every account's nonce as the report expects with
 * nothing queued behind it, and every tx the chain holds from these accounts counted once — as
 * mined, reverted or a gap fill, or as unconfirmed where the node lost the record of one.
 */
export async function expectReportEqualsChain(node: NodeHandle, report: ReportLike) {
  expect(report.invariantHolds).toBe(true)
  expect(report.chainAgrees).toBe(true)
  await expectNoNonceGap(node, report.accounts)
  const onChain = report.accounts.reduce((n, a) => n + a.sent, 0)
  const confirmed = report.counts.mined + report.counts.reverted + report.gapFills
  expect(onChain).toBeGreaterThanOrEqual(confirmed)
  expect(onChain).toBeLessThanOrEqual(confirmed + report.counts.unconfirmed)
}

/** The head of the node at `rpcUrl`, read with a plain request (no engine connection needed). */
export async function blockNumberAt(rpcUrl: string): Promise<bigint> {
  const res = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
  })
  return BigInt(((await res.json()) as { result: string }).result)
}

type NotMinedRow = {
  idx: number
  account: Address
  nonce: number | null
  hash: Hash | null
  state: string
  attempts: number
  block_number: number | null
  error_kind: string | null
  error_message: string | null
}

/**
 * Why txs of a run are not mined, for an assertion's message (it asserts nothing): the counts, the
 * error groups and warnings, and each row not mined with its path through the run and what the
 * chain says of its account and hash. `paths` maps a tx's idx to the states it went through.
 */
export async function explainNotMined(
  node: NodeHandle,
  report: {
    counts: object
    errors: readonly { kind: string; count: number; sample?: string }[]
    warnings: readonly { code: string; message: string }[]
  },
  rows: readonly NotMinedRow[],
  paths?: ReadonlyMap<number, readonly string[]>,
): Promise<string> {
  const lines = [
    `counts ${JSON.stringify(report.counts)}`,
    ...report.errors.map((g) => `error ${g.kind} ×${g.count}: ${g.sample ?? ''}`),
    ...report.warnings.map((w) => `warning ${w.code}: ${w.message}`),
  ]
  for (const r of rows.filter((x) => x.state !== 'mined').slice(0, 20)) {
    const tx = r.hash ? await node.conn.request('eth_getTransactionByHash', [r.hash]).catch(() => 'error') : null
    const receipt = r.hash ? await receiptOf(node, r.hash).catch(() => null) : null
    lines.push(
      `tx ${r.idx} ${r.account} nonce ${r.nonce} ${r.hash} ${r.state} attempts ${r.attempts} block ${r.block_number}` +
        ` ${r.error_kind ?? ''} ${r.error_message ?? ''} | path ${paths?.get(r.idx)?.join(' > ') ?? '?'}` +
        ` | chain: nonce ${await onChainNonce(node, r.account)} pending ${await onChainNonce(node, r.account, 'pending')}` +
        ` tx ${tx ? 'known' : 'unknown'} receipt ${receipt ? `${receipt.status} in ${receipt.blockNumber}` : 'none'}`,
    )
  }
  return lines.join('\n')
}
