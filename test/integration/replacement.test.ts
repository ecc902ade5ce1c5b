import { type Address, type Hex, hexToBigInt } from 'viem'
import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../services/testing/events'
import { withTestNode } from '../helpers/anvil'
import { expectNoNonceGap, expectReportEqualsChain } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'

// A node that mines only when the test says: a tx waits in the pool until it has been replaced.
const testNode = withTestNode(['--no-mining'])
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** What the run has told of each tx so far: its latest state, and the kinds of replacement sent for it. */
function follow(session: ReturnType<typeof startTestRun>['session']) {
  const state = new Map<number, string>()
  const replaced = new Map<number, Set<string>>()
  session.bus.on('event', (e: RunEvent) => {
    if (e.type === 'tx' && e.role === 'planned') state.set(e.idx, e.state)
    if (e.type === 'replaced' && !e.refused) replaced.set(e.idx, (replaced.get(e.idx) ?? new Set()).add(e.kind))
  })
  return { state, replaced }
}

/** Waits (by what happened, not by time) until the condition holds, then mines one block. */
async function mineWhen(ready: () => boolean) {
  while (!ready()) await sleep(20)
  await testNode.node.conn.request('evm_mine')
}

/** Each planned tx's hashes, as the store has them: every one it was signed as, and the row's. */
function hashesOf(db: ReturnType<typeof startTestRun>['db'], runId: string) {
  const rows = db
    .prepare(`SELECT idx, hash, state, nonce, account FROM txs WHERE run_id = ? AND role = 'planned'`)
    .all(runId) as { idx: number; hash: Hex; state: string; nonce: number; account: Address }[]
  const events = db
    .prepare(`SELECT data_json FROM run_events WHERE run_id = ? AND type = 'replaced' ORDER BY id`)
    .all(runId) as { data_json: string }[]
  const signed = new Map<number, Set<Hex>>()
  for (const { data_json } of events) {
    const e = JSON.parse(data_json) as { idx: number; hash: Hex; replaces: Hex }
    const set = signed.get(e.idx) ?? new Set<Hex>()
    set.add(e.replaces).add(e.hash)
    signed.set(e.idx, set)
  }
  return { rows, signed, replaced: events.length }
}

/** Of all the hashes signed for one nonce, the ones the chain holds a receipt for. */
async function minedOf(hashes: Iterable<Hex>): Promise<Hex[]> {
  const out: Hex[] = []
  for (const h of hashes) if (await testNode.node.conn.request('eth_getTransactionReceipt', [h])) out.push(h)
  return out
}

describe('replacement of txs stuck in the pool (replaceAfterMs)', () => {
  it('speed-up: the same tx at raised fees; exactly one hash of each nonce is mined, the accounting exact', async () => {
    const { session, db } = startTestRun(testNode.node, {
      txs: 30,
      accounts: 3,
      mining: 'node',
      replaceAfterMs: 300,
      mnemonic: freshMnemonic(),
    })
    const seen = follow(session)
    // Every tx replaced at least once before the block that takes them.
    await mineWhen(() => seen.replaced.size === 30)
    const report = await session.done
    expect(report.status).toBe('completed')
    expect(report.counts.mined).toBe(30)
    expect(report.invariantHolds).toBe(true)
    await expectReportEqualsChain(testNode.node, report)
    const { rows, signed, replaced } = hashesOf(db, report.runId)
    expect(replaced).toBeGreaterThan(0)
    expect(report.replacements.speedUp + report.replacements.refused).toBe(replaced)
    for (const row of rows) {
      const hashes = signed.get(row.idx) ?? new Set([row.hash])
      // Original and replacements were all recorded; the chain mined exactly one: the row's.
      expect(hashes.has(row.hash)).toBe(true)
      expect(await minedOf(hashes)).toEqual([row.hash])
    }
  })

  it('cancel: a 0-value self-transfer takes the nonce; the cancelled tx is dropped, its payment never made', async () => {
    const sink: Address = '0x00000000000000000000000000000000005ca1ab'
    const before = hexToBigInt(await testNode.node.conn.request('eth_getBalance', [sink, 'latest']))
    const { session, db } = startTestRun(testNode.node, {
      txs: 40,
      accounts: 4,
      rate: 40,
      to: sink,
      value: 1000,
      mining: 'node',
      replaceAfterMs: 300,
      replaceWith: 'cancel',
      mnemonic: freshMnemonic(),
    })
    const seen = follow(session)
    // A first block while the txs still go out (some cancelled by then, the latest not), then one
    // once every tx left in the pool has its cancel.
    await mineWhen(() => seen.replaced.size >= 10)
    const settled = (idx: number) => seen.state.get(idx) === 'mined' || seen.replaced.get(idx)?.has('cancel')
    await mineWhen(() => seen.state.size === 40 && [...seen.state.keys()].every(settled))
    const report = await session.done
    expect(report.status).toBe('completed')
    expect(report.invariantHolds).toBe(true)
    expect(report.counts.mined + report.counts.dropped).toBe(40)
    expect(report.counts.dropped).toBeGreaterThan(0)
    // The chain used every nonce once: the mined txs' and the cancels' that won.
    expect(report.chainAgrees).toBe(true)
    await expectNoNonceGap(testNode.node, report.accounts)
    expect(report.accounts.reduce((n, a) => n + a.sent, 0)).toBe(40)
    // Only the txs that were mined paid the sink.
    const after = hexToBigInt(await testNode.node.conn.request('eth_getBalance', [sink, 'latest']))
    expect(after - before).toBe(1000n * BigInt(report.counts.mined))

    const { rows, signed } = hashesOf(db, report.runId)
    for (const row of rows) {
      const hashes = signed.get(row.idx) ?? new Set([row.hash])
      expect(await minedOf(hashes)).toEqual([row.hash])
      const tx = await testNode.node.conn.request('eth_getTransactionByHash', [row.hash])
      if (!tx) throw new Error(`the chain does not know tx ${row.hash}`)
      if (row.state === 'dropped') {
        // The cancel that won: from the sender to itself, nothing sent, at the tx's nonce.
        expect(tx.to?.toLowerCase()).toBe(row.account.toLowerCase())
        expect(hexToBigInt(tx.value)).toBe(0n)
        expect(Number(hexToBigInt(tx.nonce))).toBe(row.nonce)
      } else {
        expect(row.state).toBe('mined')
        expect(tx.to?.toLowerCase()).toBe(sink)
      }
    }
    expect(
      report.errors.some((g) => g.kind === 'nonce-taken' && g.sample.startsWith('Cancelled after replaceAfterMs')),
    ).toBe(true)
  })
})
