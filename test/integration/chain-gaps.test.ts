import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Address, Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { type Anvil, createAnvil } from '../../services/chain/anvil'
import { openNode } from '../../services/chain/node-handle'
import { createRunsRepo } from '../../services/store/runs-repo'
import { expectReportEqualsChain, explainNotMined, known, receiptOf } from '../helpers/chain'
import { startRpcProxy } from '../helpers/rpc-proxy'
import { freshMnemonic, startTestRun } from '../helpers/run'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function withAnvil<T>(args: string[], fn: (anvil: Anvil) => Promise<T>): Promise<T> {
  const anvil = await createAnvil({ extraArgs: args })
  await anvil.start()
  try {
    return await fn(anvil)
  } finally {
    await anvil.stop()
  }
}

/** Every mined row's receipt is on the chain with status 1 (a sample: reading all would be slow). */
async function expectMinedRowsOnChain(
  node: Awaited<ReturnType<typeof openNode>>,
  rows: { state: string; hash: Hex | null }[],
) {
  const mined = rows.filter((r) => r.state === 'mined')
  const step = Math.max(1, Math.floor(mined.length / 300))
  for (let i = 0; i < mined.length; i += step)
    expect(
      (await receiptOf(node, known(mined[i]?.hash, `hash of mined row ${i}`)))?.status,
      `receipt of ${mined[i]?.hash}`,
    ).toBe('0x1')
}

describe('the chain goes back under a run (a reorg): the run goes on and ends equal to the chain', () => {
  it.each([
    ['anvil_rollback', 'engine'],
    ['anvil_reorg', 'engine'],
    ['evm_revert', 'automine'],
  ] as const)('%s mid-run (%s mining)', async (how, mining) => {
    await withAnvil([], async (anvil) => {
      const node = await openNode({ rpcUrl: anvil.rpcUrl })
      try {
        const { session, db } = startTestRun(node, {
          txs: 2000,
          accounts: mining === 'automine' ? 40 : 10,
          rate: 400,
          mining,
          mnemonic: freshMnemonic(),
        })
        const counts = () => session.model.snapshot().counts
        // A run that hangs says where, before the test's own timeout cuts it short with nothing.
        const deadline = Date.now() + 170_000
        const notes: string[] = []
        let phase = 'starting'
        const hung = () =>
          new Error(
            `no progress by the deadline while ${phase}: counts ${JSON.stringify(counts())}\n${notes.slice(-30).join('\n')}`,
          )
        const until = async (what: string, done: () => boolean | Promise<boolean>) => {
          phase = what
          while (!(await done())) {
            if (Date.now() > deadline) throw hung()
            await sleep(20)
          }
        }
        let lastOurBlock = 0n
        const paths = new Map<number, string[]>()
        session.bus.on('event', (e) => {
          if (e.type === 'warning' || e.type === 'log' || e.type === 'status')
            notes.push(
              `${new Date(e.at).toISOString()} ${e.type} ${'code' in e ? e.code : ''} ${'status' in e ? e.status : ''} ${'message' in e ? e.message : ''}`,
            )
          if (e.type !== 'tx') return
          if (e.state === 'mined' && e.blockNumber !== undefined && e.blockNumber > lastOurBlock)
            lastOurBlock = e.blockNumber
          paths.set(e.idx, [
            ...(paths.get(e.idx) ?? []),
            e.blockNumber === undefined ? e.state : `${e.state}@${e.blockNumber}`,
          ])
        })
        /**
         * Paused with nothing in flight: the engine says "paused" once no send can start and none
         * is on its way, and every tx sent is in a block the run has read.
         */
        const quiet = async (what: string) => {
          session.pause()
          await until(what, () => session.model.state.status === 'paused' && counts().submitted === 0)
        }
        await until('waiting for 300 mined', () => counts().mined >= 300)
        // The snapshot is taken quiet too. Anvil 1.7.1's evm_snapshot is not atomic with its mining:
        // taken while it mines, it can record head N with the state after block N+1, and after the
        // revert an account's nonce counts a tx no block holds; the run then rightly ends that tx
        // unconfirmed (record-lost) — seen here as 1,999 of 2,000 mined. That case has its own test below.
        let snapshot: Hex | undefined
        if (how === 'evm_revert') {
          await quiet('pausing for the snapshot')
          snapshot = await node.conn.request('evm_snapshot')
          session.resume()
        }
        const height = async () => BigInt(await node.conn.request('eth_blockNumber'))
        const start = await height()
        await until('waiting for 700 mined', async () => counts().mined >= 700 && (await height()) >= start + 3n)
        // Paused with nothing in flight, so the node is not mining while its chain goes back (Anvil
        // 1.7.1 can lose blocks when a revert races its own mining).
        await quiet('pausing for the chain to go back')
        // The blocks that leave the chain hold txs the run has already counted as mined.
        // Back to below the newest block holding our txs (blocks mined while pausing may be empty).
        const depth = Number((await height()) - lastOurBlock) + 1
        // anvil_reorg replaces the blocks with as many new ones (holding none of our txs).
        if (how === 'anvil_rollback') await node.conn.request('anvil_rollback', [depth])
        else if (how === 'anvil_reorg') await node.conn.request('anvil_reorg', [depth, []])
        else await node.conn.request('evm_revert', [known(snapshot, 'the snapshot taken before')])
        const minedBefore = counts().mined
        await until('waiting for the run to notice', () => counts().mined < minedBefore)
        session.resume()
        phase = 'running to the end'
        let timer: NodeJS.Timeout | undefined
        const report = await Promise.race([
          session.done,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(hung()), Math.max(0, deadline - Date.now()))
          }),
        ]).finally(() => clearTimeout(timer))
        expect(report.status).toBe('completed')
        const reorg = report.warnings.find((w) => w.code === 'reorg')
        expect(reorg?.message).toMatch(
          /chain went back from block \d+: it agrees with the blocks we read up to block \d+/,
        )
        expect(report.warnings.some((w) => w.code === 'chain-reset')).toBe(false)
        const rows = createRunsRepo(db).txs(session.id)
        const why = report.counts.mined === 2000 ? '' : await explainNotMined(node, report, rows, paths)
        expect(report.counts.mined, why).toBe(2000)
        await expectReportEqualsChain(node, report)
        await expectMinedRowsOnChain(node, rows)
      } finally {
        await node.close()
      }
    })
  })

  it('evm_revert to a snapshot whose state is one block ahead of its head: that tx ends unconfirmed (record-lost), the rest mined, the report equals the chain', async () => {
    await withAnvil([], async (anvil) => {
      // The engine reads through the proxy, so it sees nothing while the test changes the chain.
      const proxy = await startRpcProxy(anvil.rpcUrl)
      const node = await openNode({ rpcUrl: proxy.url, timeoutMs: 2_000 })
      const direct = await openNode({ rpcUrl: anvil.rpcUrl })
      try {
        const { session, db } = startTestRun(node, {
          txs: 1000,
          accounts: 10,
          rate: 400,
          mining: 'automine',
          requestTimeoutMs: 2_000,
          mnemonic: freshMnemonic(),
        })
        const counts = () => session.model.snapshot().counts
        const mined = new Map<number, { idx: number; from: Address; nonce: number; block: bigint }>()
        session.bus.on('event', (e) => {
          if (e.type === 'tx' && e.state === 'mined' && e.blockNumber !== undefined && e.nonce !== undefined)
            mined.set(e.idx, { idx: e.idx, from: e.from, nonce: e.nonce, block: e.blockNumber })
        })
        const height = async () => BigInt(await direct.conn.request('eth_blockNumber'))
        const quiet = async () => {
          session.pause()
          while (session.model.state.status !== 'paused' || counts().submitted > 0) await sleep(20)
        }
        while (counts().mined < 200) await sleep(20)
        await quiet()
        const snapshot = await direct.conn.request('evm_snapshot')
        const head = await height()
        session.resume()
        while (counts().mined < 500 || (await height()) < head + 3n) await sleep(20)
        await quiet()
        proxy.rules.down = true
        proxy.cutAll()
        await sleep(100)
        await direct.conn.request('evm_revert', [snapshot])
        // What a snapshot taken while Anvil mined block head+1 gives after the revert: the blocks up
        // to head, the state after head+1. The first tx above the head keeps its nonce used, in no block.
        const lost = [...mined.values()].filter((t) => t.block > head).sort((a, b) => Number(a.block - b.block))[0]
        if (!lost) throw new Error('no tx of the run above the snapshot')
        await direct.conn.request('anvil_setNonce', [lost.from, `0x${(lost.nonce + 1).toString(16)}`])
        const minedBefore = counts().mined
        proxy.rules.down = false
        while (counts().mined >= minedBefore) await sleep(20)
        session.resume()
        const report = await session.done
        expect(report.status).toBe('completed')
        expect(report.warnings.find((w) => w.code === 'reorg')?.message).toMatch(/up to block \d+/)
        expect(report.counts).toMatchObject({ mined: 999, unconfirmed: 1, dropped: 0, failed: 0 })
        expect(report.errors.find((g) => g.kind === 'record-lost')?.count).toBe(1)
        const row = createRunsRepo(db)
          .txs(session.id)
          .find((r) => r.idx === lost.idx)
        expect(row).toMatchObject({ state: 'unconfirmed', error_kind: 'record-lost', nonce: lost.nonce })
        await expectReportEqualsChain(direct, report)
      } finally {
        await node.close()
        await direct.close()
        await proxy.close()
      }
    })
  })
})

describe('txs lost with blocks that left the chain', () => {
  it('are sent again in nonce order, each through a node error on its first resend', async () => {
    await withAnvil([], async (anvil) => {
      // Every tx's second send (its resend after the rollback) meets an internal error once: it
      // must be sent again before the account's next nonce, or that one only queues.
      const sends = new Map<string, number>()
      const proxy = await startRpcProxy(anvil.rpcUrl, {
        rpcErrorWhen: (method, params) => {
          if (method !== 'eth_sendRawTransaction') return false
          const raw = String(params[0])
          const n = (sends.get(raw) ?? 0) + 1
          sends.set(raw, n)
          return n === 2
        },
      })
      const node = await openNode({ rpcUrl: proxy.url })
      try {
        const { session } = startTestRun(node, {
          txs: 1000,
          accounts: 3,
          rate: 200,
          mining: 'engine',
          mnemonic: freshMnemonic(),
        })
        const counts = () => session.model.snapshot().counts
        let lastOurBlock = 0n
        session.bus.on('event', (e) => {
          if (e.type === 'tx' && e.state === 'mined' && e.blockNumber !== undefined && e.blockNumber > lastOurBlock)
            lastOurBlock = e.blockNumber
        })
        while (counts().mined < 100) await sleep(20)
        session.pause()
        while (session.model.state.status !== 'paused' || counts().submitted > 0) await sleep(20)
        const height = BigInt(await node.conn.request('eth_blockNumber'))
        const minedBefore = counts().mined
        await node.conn.request('anvil_rollback', [Number(height - lastOurBlock) + 1])
        while (counts().mined >= minedBefore) await sleep(20)
        // Still paused: the engine's resends alone must put every lost tx back in the node's pool.
        const inPool = async () => Number(BigInt((await node.conn.request('txpool_status')).pending))
        while ((await inPool()) < counts().submitted) await sleep(20)
        session.resume()
        const report = await session.done
        expect(report.status).toBe('completed')
        expect([...sends.values()].filter((n) => n >= 3).length).toBeGreaterThan(0)
        // Sent over a gap, a later nonce would have stayed queued until the stranded-queue remedy.
        expect(report.warnings.map((w) => w.code)).not.toContain('stranded-queue')
        expect(report.counts.mined).toBe(1000)
        await expectReportEqualsChain(node, report)
      } finally {
        await node.close()
        await proxy.close()
      }
    })
  })
})

describe('a node restarted from its state file mid-run', () => {
  it('20,000 txs, SIGTERM, restart with --state: the report equals the chain, no tx left "not mined"', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'evm-stress-state-')), 'state.json')
    const first = await createAnvil({ extraArgs: ['--state', state] })
    await first.start()
    let second: Anvil | undefined
    const node = await openNode({ rpcUrl: first.rpcUrl, timeoutMs: 2_000 })
    try {
      const { session, db } = startTestRun(node, {
        txs: 20_000,
        accounts: 50,
        rate: 1_000,
        mining: 'engine',
        nodeDownAfterMs: 500,
        requestTimeoutMs: 2_000,
        retries: 6,
        mnemonic: freshMnemonic(),
      })
      while (session.model.snapshot().counts.mined < 4_000) await sleep(20)
      await first.stop()
      await sleep(3_000)
      second = await createAnvil({ port: first.port, extraArgs: ['--state', state] })
      await second.start()
      const report = await session.done
      expect(report.status).toBe('completed')
      // Nothing waited out the inclusion timeout: every tx's fate came from the chain.
      expect(report.counts.dropped).toBe(0)
      expect(report.counts.mined + report.counts.unconfirmed).toBe(20_000)
      await expectReportEqualsChain(node, report)
      const rows = createRunsRepo(db).txs(session.id)
      await expectMinedRowsOnChain(node, rows)
      // A tx the node lost is named as such, with the reason in its error group.
      if (report.counts.unconfirmed)
        expect(report.errors.find((g) => g.kind === 'record-lost')?.count).toBe(report.counts.unconfirmed)
    } finally {
      await node.close()
      await second?.stop()
      await first.stop()
    }
  })
})
