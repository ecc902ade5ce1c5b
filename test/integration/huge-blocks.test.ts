import { type Hex, hexToBigInt, hexToNumber, ResponseBodyTooLargeError } from 'viem'
import { describe, expect, it } from 'vitest'
import { deriveAccounts } from '../../services/accounts/derive'
import type { Connection } from '../../services/chain/connection'
import { openNode } from '../../services/chain/node-handle'
import { signTx } from '../../services/chain/signer'
import { createRunsRepo } from '../../services/store/runs-repo'
import { createInclusionTracker } from '../../services/testing/inclusion-tracker'
import { maxFailedPolls } from '../../services/testing/node-watch'
import type { Inclusion } from '../../services/testing/receipts'
import { withTestNode } from '../helpers/anvil'
import { expectReportEqualsChain, known, receiptOf } from '../helpers/chain'
import { startRpcProxy } from '../helpers/rpc-proxy'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()

/**
 * A limit on answers that one block's receipts fit but a few do not: blocks of ~1,400 transfers
 * (a full 30M-gas block, ~1.3 MB of receipts) read together exceed it here, as 10 such blocks
 * exceeded viem's 10 MB default and stalled the tracker.
 */
const smallLimit = 2 * 1024 * 1024

/** These blocks' receipts, read in one batch (as a naive tracker would), exceed the limit. */
async function expectTooLargeTogether(conn: Connection, blockNumbers: bigint[]) {
  const blocks = [...new Set(blockNumbers)]
  expect(blocks.length).toBeGreaterThan(5)
  await expect(
    Promise.all(blocks.map((n) => conn.request('eth_getBlockReceipts', [`0x${n.toString(16)}`]))),
  ).rejects.toThrow(ResponseBodyTooLargeError)
}

/** Anvil's own dev accounts: funded from the start. */
const devMnemonic = 'test test test test test test test test test test test junk'

describe('blocks too large to read in one answer', () => {
  it('the tracker, many full blocks behind, reads them in pieces and reports every inclusion', async () => {
    const node = await openNode({ rpcUrl: testNode.anvil.rpcUrl, maxResponseBytes: smallLimit })
    const { conn } = node
    const accounts = deriveAccounts(devMnemonic, 10)
    const latest = known(await conn.request('eth_getBlockByNumber', ['latest', false]), 'the latest block')
    const base = hexToBigInt(known(latest.baseFeePerGas, 'a base fee of the latest block'))
    const nonces = await Promise.all(
      accounts.map(async (a) => Number(BigInt(await conn.request('eth_getTransactionCount', [a.address, 'pending'])))),
    )
    const sign = (k: number) => {
      const a = accounts[k % accounts.length] as (typeof accounts)[number]
      const nonce = nonces[k % accounts.length] as number
      nonces[k % accounts.length] = nonce + 1
      return signTx(a.privateKey, {
        chainId: node.info.chainId,
        nonce,
        to: a.address,
        value: 1n,
        gas: 21_000n,
        fees: { type: 'eip1559', maxFeePerGas: base * 100n + 1_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n },
      })
    }
    await conn.request('evm_setAutomine', [false])
    const seen: Inclusion[] = []
    const head = hexToBigInt(await conn.request('eth_blockNumber'))
    const tracker = createInclusionTracker({
      conn,
      fromBlock: head,
      onInclusion: (i) => seen.push(i),
      onBlock: () => {},
    })
    try {
      // One small block first: the tracker learns the node has eth_getBlockReceipts.
      const first = await sign(0)
      tracker.watch(first.hash)
      await conn.request('eth_sendRawTransaction', [first.raw])
      await conn.request('evm_mine')
      await tracker.sync()
      expect(seen.map((i) => i.hash)).toEqual([first.hash])

      // Then 7 full blocks (1,400 transfers each) while it does not look: ~9 MB of receipts.
      const hashes: Hex[] = []
      for (let block = 0; block < 7; block++) {
        const wave = await Promise.all(Array.from({ length: 1_400 }, (_, i) => sign(block * 1_400 + i + 1)))
        for (const t of wave) tracker.watch(t.hash)
        await Promise.all(wave.map((t) => conn.request('eth_sendRawTransaction', [t.raw])))
        await conn.request('evm_mine')
        hashes.push(...wave.map((t) => t.hash))
      }
      await tracker.sync()
      expect(new Set(seen.map((i) => i.hash))).toEqual(new Set([first.hash, ...hashes]))
      expect(seen.every((i) => i.status === 'success')).toBe(true)
      // A naive read of those blocks' receipts, all at once, is refused by the same limit.
      await expectTooLargeTogether(
        conn,
        seen.map((i) => i.blockNumber),
      )
    } finally {
      await tracker.stop()
      await conn.request('evm_setAutomine', [true])
      await node.close()
    }
  })

  it('a run at concurrency 2,000 completes with every tx accounted for, its receipts read in pieces', async () => {
    const node = await openNode({ rpcUrl: testNode.anvil.rpcUrl, maxResponseBytes: smallLimit })
    try {
      const { session, db } = startTestRun(node, {
        txs: 10_000,
        accounts: 200,
        concurrency: 2_000,
        mining: 'engine',
        mnemonic: freshMnemonic(),
      })
      const report = await session.done
      expect(report.status).toBe('completed')
      expect(report.counts.mined).toBe(10_000)
      await expectReportEqualsChain(node, report)

      // Each stored tx is in the block the chain says, and those blocks were too large to read whole.
      const rows = createRunsRepo(db).txs(session.id)
      expect(rows).toHaveLength(10_000)
      const receipts = await Promise.all(
        rows.map((r) => receiptOf(testNode.node, known(r.hash, `hash of tx ${r.idx}`))),
      )
      rows.forEach((r, i) => {
        expect(receipts[i]?.status, `tx ${r.idx}`).toBe('0x1')
        expect(hexToNumber(receipts[i]?.blockNumber as Hex), `block of tx ${r.idx}`).toBe(r.block_number)
      })
      // Read together, as one batch, the run's blocks' receipts are more than the limit takes.
      await expectTooLargeTogether(
        node.conn,
        rows.map((r) => BigInt(r.block_number ?? 0)),
      )
    } finally {
      await node.close()
    }
  })

  it('blocks the node will not return end the run with a reason, every sent tx settled from the chain', async () => {
    const proxy = await startRpcProxy(testNode.anvil.rpcUrl)
    const node = await openNode({ rpcUrl: proxy.url })
    try {
      const { session, db } = startTestRun(node, {
        txs: 3_000,
        accounts: 20,
        concurrency: 200,
        mining: 'engine',
        mnemonic: freshMnemonic(),
      })
      // Once the load is under way, the node answers everything but block reads.
      session.bus.on('event', (e) => {
        if (e.type === 'tx' && e.state === 'submitted')
          proxy.rules.refuse = new Set(['eth_getBlockByNumber', 'eth_getBlockReceipts'])
      })
      const report = await session.done
      expect(report.status).toBe('failed')
      expect(report.error?.code).toBe('BLOCKS_UNREADABLE')
      expect(report.error?.message).toContain(`${maxFailedPolls} reads`)
      expect(report.warnings.map((w) => w.code)).toContain('blocks-unreadable')
      proxy.rules.refuse = undefined
      await expectReportEqualsChain(testNode.node, report)
      // What the run says was mined, the chain has; what it never sent, it cancelled.
      const rows = createRunsRepo(db).txs(session.id)
      const mined = rows.filter((r) => r.state === 'mined')
      expect(mined.length).toBeGreaterThan(0)
      expect(mined.length + report.counts.cancelled).toBe(3_000)
      for (const r of mined)
        expect((await receiptOf(testNode.node, known(r.hash, `hash of tx ${r.idx}`)))?.status, `tx ${r.idx}`).toBe(
          '0x1',
        )
    } finally {
      await node.close()
      await proxy.close()
    }
  })
})
