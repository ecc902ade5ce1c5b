import type { Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET as getTx } from '../../app/api/runs/[id]/txs/[idx]/route'
import { GET as listTxs } from '../../app/api/runs/[id]/txs/route'
import { loadBuiltinArtifact } from '../../services/contracts/artifacts'
import type { TxRow } from '../../services/live/frames'
import { createRegistry, type RunRegistry } from '../../services/runs/registry'
import { type TxDetails, txDetails } from '../../services/runs/tx-details'
import type { Db } from '../../services/store/db'
import { listTxRows } from '../../services/store/tx-rows'
import { withTestNode } from '../helpers/anvil'
import { known } from '../helpers/chain'
import { freshMnemonic, startTestRun, tempDataDir } from '../helpers/run'

const testNode = withTestNode()
/** A tx of a finished run, as the chain has it: its hash and the node's answer must both be there. */
const receiptOf = async (hash: Hex | null) =>
  known(await testNode.node.conn.request('eth_getTransactionReceipt', [known(hash, 'a tx hash')]), `receipt of ${hash}`)
const txOf = async (hash: Hex | null) =>
  known(await testNode.node.conn.request('eth_getTransactionByHash', [known(hash, 'a tx hash')]), `tx ${hash}`)

// One data dir for every run here, and a registry over it on globalThis: the route handlers read
// the same store the runs write, as they do in the server.
const dataDir = tempDataDir()
let registry: RunRegistry
const registryKey = Symbol.for('evm-stress.registry')

/** 20 calls of GasBurner.maybeRevert(1..20, 5): every fifth reverts with "unlucky". */
let revertRun: { id: string; db: Db; rows: TxRow[]; target: string }

beforeAll(async () => {
  registry = createRegistry({ dataDir, rpcUrl: testNode.anvil.rpcUrl })
  ;(globalThis as Record<symbol, unknown>)[registryKey] = registry
  const { session, db } = startTestRun(
    testNode.node,
    {
      txs: 20,
      accounts: 4,
      mining: 'engine',
      mnemonic: freshMnemonic(),
      scenario: {
        name: 'custom-call',
        target: { builtin: 'GasBurner' },
        function: 'maybeRevert',
        args: [{ kind: 'sequence', start: 1 }, 5],
      },
    },
    {},
    dataDir,
  )
  const report = await session.done
  expect(report.counts).toMatchObject({ planned: 20, mined: 16, reverted: 4 })
  revertRun = {
    id: session.id,
    db,
    rows: listTxRows(db, session.id, { limit: 1000 }).rows,
    target: report.scenario?.contracts.target as string,
  }
})

afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[registryKey]
  await registry?.close()
})

async function apiGet<T>(path: string, params: Record<string, string>) {
  const url = `http://localhost${path}`
  const handler = path.split('?')[0]?.match(/\/txs\/[^/]+$/) ? getTx : listTxs
  const response = await handler(new Request(url), { params: Promise.resolve(params) } as never)
  return { status: response.status, body: (await response.json()) as T }
}

describe('listTxRows agrees with the chain', () => {
  it('every row is there, in idx order, and each state matches its receipt', async () => {
    const { db, id, rows } = revertRun
    const page = listTxRows(db, id)
    expect(page).toMatchObject({ total: 20, matching: 20 })
    expect(rows.map((r) => r.idx)).toEqual([...Array(20).keys()])
    for (const row of rows) {
      const receipt = await receiptOf(row.hash)
      expect(receipt.status).toBe(row.state === 'mined' ? '0x1' : '0x0')
      expect(row.block).toBe(Number(receipt.blockNumber))
      expect(row.gasUsed).toBe(Number(receipt.gasUsed))
      expect(row.account.toLowerCase()).toBe(receipt.from.toLowerCase())
    }
  })

  it('filters by state, account, label, error group and text; pages with offset and limit', async () => {
    const { db, id, rows } = revertRun
    const reverted = listTxRows(db, id, { states: ['reverted'] })
    expect(reverted).toMatchObject({ total: 20, matching: 4 })
    expect(reverted.rows.map((r) => r.idx)).toEqual([4, 9, 14, 19])
    expect(listTxRows(db, id, { states: ['mined', 'reverted'] }).matching).toBe(20)
    expect(listTxRows(db, id, { errorKind: 'reverted' }).matching).toBe(4)

    const account = rows[0]?.account as string
    const ofAccount = listTxRows(db, id, { account: account.toLowerCase(), limit: 1000 })
    const onChain = await Promise.all(ofAccount.rows.map(async (r) => (await txOf(r.hash)).from))
    expect(ofAccount.matching).toBe(rows.filter((r) => r.account === account).length)
    expect(onChain.every((from) => from.toLowerCase() === account.toLowerCase())).toBe(true)

    expect(listTxRows(db, id, { label: 'maybeRevert(uint256,uint256)' }).matching).toBe(20)
    expect(listTxRows(db, id, { label: 'nope' }).matching).toBe(0)
    const hash = rows[7]?.hash as string
    expect(listTxRows(db, id, { q: hash.slice(0, 12).toUpperCase() }).rows.map((r) => r.idx)).toContain(7)
    expect(listTxRows(db, id, { q: 'unlucky' }).matching).toBe(4)
    expect(listTxRows(db, id, { q: '%' }).matching).toBe(0)

    const page = listTxRows(db, id, { offset: 5, limit: 3 })
    expect(page).toMatchObject({ total: 20, matching: 20 })
    expect(page.rows.map((r) => r.idx)).toEqual([5, 6, 7])
  })
})

describe('txDetails', () => {
  const detailsOf = (idx: number) => txDetails({ db: revertRun.db, runId: revertRun.id, idx })

  it('a mined call: the receipt the node gives, the decoded call, a timeline', async () => {
    const d = await detailsOf(2)
    const receipt = await receiptOf(d.tx.hash)
    expect(d.node).toEqual({ reachable: true, error: null })
    expect(d.receipt).toMatchObject({
      status: 'success',
      blockNumber: Number(receipt.blockNumber),
      gasUsed: Number(receipt.gasUsed),
      effectiveGasPrice: BigInt(receipt.effectiveGasPrice).toString(),
      logs: receipt.logs.length,
    })
    expect(d.receipt?.logs).toBe(1)
    expect(d.call).toMatchObject({
      function: 'maybeRevert',
      signature: 'maybeRevert(uint256,uint256)',
      contract: 'GasBurner',
      args: [
        { name: 'value', type: 'uint256', value: '3' },
        { name: 'modulo', type: 'uint256', value: '5' },
      ],
    })
    expect(d.transaction?.to?.toLowerCase()).toBe(revertRun.target.toLowerCase())
    expect(d.revertReason).toBeNull()
    expect(d.timeline.map((s) => s.step)).toEqual(['planned', 'signed', 'submitted', 'included'])
  })

  it('a reverted call: status 0 on chain and the decoded reason', async () => {
    const d = await detailsOf(9)
    const receipt = await receiptOf(d.tx.hash)
    expect(receipt.status).toBe('0x0')
    expect(d.receipt).toMatchObject({ status: 'reverted', blockNumber: Number(receipt.blockNumber), logs: 0 })
    expect(d.revertReason).toMatch(/unlucky/)
    expect(d.call?.args[0]?.value).toBe('10')
    expect(d.timeline.at(-1)).toMatchObject({ step: 'included', label: expect.stringMatching(/^Reverted in block/) })
  })

  it('a revert the run kept no reason for (past its first 500) is replayed on the node and decoded', async () => {
    const { db, id } = revertRun
    const stored = db.prepare('SELECT error_kind, error_message FROM txs WHERE run_id = ? AND idx = 14').get(id) as {
      error_kind: string
      error_message: string
    }
    const errors = db.prepare('SELECT * FROM errors WHERE run_id = ? AND tx_idx = 14').all(id)
    expect(errors).toHaveLength(1)
    // As the run writes a revert it did not replay: no reason on the row, no error row.
    db.prepare('UPDATE txs SET error_kind = NULL, error_message = NULL WHERE run_id = ? AND idx = 14').run(id)
    db.prepare('DELETE FROM errors WHERE run_id = ? AND tx_idx = 14').run(id)
    try {
      const d = await detailsOf(14)
      expect(d.tx.error).toBeNull()
      expect(d.revertReplayed).toBe(true)
      expect(d.revertReason).toMatch(/unlucky/)
      expect(d.timeline.at(-1)?.detail).toMatch(/unlucky/)
    } finally {
      db.prepare('UPDATE txs SET error_kind = ?, error_message = ? WHERE run_id = ? AND idx = 14').run(
        stored.error_kind,
        stored.error_message,
        id,
      )
    }
    expect((await detailsOf(14)).revertReplayed).toBe(false)
  })

  it('when the node is gone: the stored parts, and why there is no receipt', async () => {
    const d = await txDetails({
      db: revertRun.db,
      runId: revertRun.id,
      idx: 2,
      connectNode: () => Promise.reject(new Error('boom')),
    })
    expect(d.node.reachable).toBe(false)
    expect(d.receipt).toBeNull()
    expect(d.tx.state).toBe('mined')
    expect(d.timeline.length).toBeGreaterThan(2)
  })

  it('a plain ETH transfer reads as "transfer (ETH)"; a custom ABI names its contract "target"', async () => {
    const transfers = startTestRun(
      testNode.node,
      { txs: 3, accounts: 2, mining: 'automine', mnemonic: freshMnemonic() },
      {},
      dataDir,
    )
    await transfers.session.done
    const t = await txDetails({ db: transfers.db, runId: transfers.session.id, idx: 0 })
    expect(t.call).toMatchObject({ function: 'transfer (ETH)', args: [] })
    expect(t.call?.value).toBe(t.transaction?.value)

    const abi = JSON.stringify(loadBuiltinArtifact('GasBurner').abi)
    const custom = startTestRun(
      testNode.node,
      {
        txs: 2,
        accounts: 1,
        mining: 'automine',
        mnemonic: freshMnemonic(),
        scenario: {
          name: 'custom-call',
          target: { address: revertRun.target, abi },
          function: 'maybeRevert',
          args: [7, 5],
        },
      },
      {},
      dataDir,
    )
    await custom.session.done
    const c = await txDetails({ db: custom.db, runId: custom.session.id, idx: 1 })
    expect(c.call).toMatchObject({ function: 'maybeRevert', contract: 'target' })
  })
})

describe('the routes', () => {
  it('GET /api/runs/:id/txs filters and answers {total, matching, rows}', async () => {
    const { id } = revertRun
    const { status, body } = await apiGet<{ total: number; matching: number; rows: TxRow[] }>(
      `/api/runs/${id}/txs?state=reverted,failed&limit=2&offset=1`,
      { id },
    )
    expect(status).toBe(200)
    expect(body.total).toBe(20)
    expect(body.matching).toBe(4)
    expect(body.rows.map((r) => r.idx)).toEqual([9, 14])
  })

  it('bad parameters are a 400 naming each field; an unknown run is a 404', async () => {
    const { id } = revertRun
    const bad = await apiGet<{ error: { code: string; issues: { field: string }[] } }>(
      `/api/runs/${id}/txs?limit=5000&offset=-1&state=mined&state=lost&errorKind=oops`,
      { id },
    )
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('INVALID_CONFIG')
    expect(bad.body.error.issues.map((i) => i.field).sort()).toEqual(['errorKind', 'limit', 'offset', 'state'])
    expect((await apiGet('/api/runs/nope/txs', { id: 'nope' })).status).toBe(404)
  })

  it('GET /api/runs/:id/txs/:idx answers the details; a bad or unknown idx is a 400 / 404', async () => {
    const { id } = revertRun
    const ok = await apiGet<TxDetails>(`/api/runs/${id}/txs/4`, { id, idx: '4' })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ tx: { idx: 4, state: 'reverted' }, receipt: { status: 'reverted' } })
    expect(ok.body.revertReason).toMatch(/unlucky/)
    expect((await apiGet(`/api/runs/${id}/txs/x`, { id, idx: 'x' })).status).toBe(400)
    expect((await apiGet(`/api/runs/${id}/txs/999`, { id, idx: '999' })).status).toBe(404)
  })

  it('a node that is gone leaves the answer a 200 with node.reachable false', async () => {
    const { id, db } = revertRun
    const before = db.prepare('SELECT rpc_url FROM runs WHERE id = ?').get(id) as { rpc_url: string }
    // Port 9 (discard) has nothing listening here: the run's node is gone.
    db.prepare('UPDATE runs SET rpc_url = ? WHERE id = ?').run('http://127.0.0.1:9', id)
    try {
      const gone = await apiGet<TxDetails>(`/api/runs/${id}/txs/2`, { id, idx: '2' })
      expect(gone.status).toBe(200)
      expect(gone.body.node.reachable).toBe(false)
      expect(gone.body.node.error).toMatch(/127\.0\.0\.1:9/)
      expect(gone.body.tx.idx).toBe(2)
    } finally {
      db.prepare('UPDATE runs SET rpc_url = ? WHERE id = ?').run(before.rpc_url, id)
    }
  })
})
