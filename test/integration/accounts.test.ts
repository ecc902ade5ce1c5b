import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Address, parseEther, toHex } from 'viem'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { deriveAccounts } from '../../services/accounts/derive'
import { lowBalanceCode } from '../../services/accounts/low-balance-warning'
import { openNode } from '../../services/chain/node-handle'
import { createRunsRepo } from '../../services/store/runs-repo'
import type { RunEvent } from '../../services/testing/events'
import { withTestNode } from '../helpers/anvil'
import { asAddress, known, onChainNonce, receiptOf } from '../helpers/chain'
import { startRpcProxy } from '../helpers/rpc-proxy'
import { freshMnemonic, startTestRun, tempDataDir } from '../helpers/run'

const testNode = withTestNode()
const node = () => testNode.node

async function balanceOf(address: Address): Promise<bigint> {
  return BigInt(await node().conn.request('eth_getBalance', [address, 'latest']))
}

/** Per-sender tx counts as the chain tells them: nonce after − nonce before. */
async function chainCounts(accounts: { address: string }[], before: Map<string, number>) {
  return Promise.all(accounts.map(async (a) => (await onChainNonce(node(), a.address)) - (before.get(a.address) ?? 0)))
}

describe('generated accounts', () => {
  it('50 accounts are funded and each sends its share; the same config reuses the same addresses', async () => {
    const dataDir = tempDataDir()
    const config = { txs: 200, accounts: 50, mining: 'engine' as const, mnemonic: undefined }
    const first = await startTestRun(node(), config, {}, dataDir).session.done
    expect(first.counts).toMatchObject({ planned: 200, mined: 200 })
    const counts = await chainCounts(first.accounts, new Map())
    expect(counts).toEqual(Array(50).fill(4))
    for (const a of first.accounts.slice(0, 5)) expect(await balanceOf(asAddress(a.address))).toBeGreaterThan(0n)

    const second = await startTestRun(node(), config, {}, dataDir).session.done
    expect(second.accounts.map((a) => a.address)).toEqual(first.accounts.map((a) => a.address))
    // They are the install's own: derived from the mnemonic kept in the data dir.
    const mnemonic = readFileSync(join(dataDir, 'mnemonic.txt'), 'utf8').trim()
    expect(deriveAccounts(mnemonic, 50).map((a) => a.address)).toEqual(first.accounts.map((a) => a.address))
    expect(await chainCounts(second.accounts, new Map())).toEqual(Array(50).fill(8))
  })

  it('1,000 accounts are funded with anvil_setBalance and all send', async () => {
    const report = await startTestRun(node(), {
      txs: 1000,
      accounts: 1000,
      mining: 'engine',
      mnemonic: freshMnemonic(),
    }).session.done
    expect(report.counts.mined).toBe(1000)
    const sample = report.accounts.filter((_, i) => i % 97 === 0)
    for (const a of sample) expect(await onChainNonce(node(), a.address)).toBe(a.expectedNonce)
    expect(report.accounts.every((a) => a.sent === 1)).toBe(true)
  })
})

describe('rotation', () => {
  const run = async (rotation: 'round-robin' | 'random' | 'least-pending', mnemonic: string) => {
    const accounts = deriveAccounts(mnemonic, 10)
    const before = new Map(
      await Promise.all(accounts.map(async (a) => [a.address, await onChainNonce(node(), a.address)] as const)),
    )
    const report = await startTestRun(node(), { txs: 300, accounts: 10, rotation, mining: 'engine', mnemonic }).session
      .done
    expect(report.counts.mined).toBe(300)
    return chainCounts(report.accounts, before)
  }

  it('round-robin gives every sender the same share; random does not; least-pending keeps them level', async () => {
    const roundRobin = await run('round-robin', freshMnemonic())
    const random = await run('random', freshMnemonic())
    const leastPending = await run('least-pending', freshMnemonic())
    expect(roundRobin).toEqual(Array(10).fill(30))
    expect(Math.max(...random) - Math.min(...random)).toBeGreaterThan(2)
    expect(random.reduce((a, b) => a + b, 0)).toBe(300)
    expect(Math.max(...leastPending) - Math.min(...leastPending)).toBeLessThanOrEqual(2)
  })
})

describe('impersonation', () => {
  it('sends from an address whose key nobody has, then stops impersonating it', async () => {
    const whale = privateKeyToAddress(generatePrivateKey())
    const { session, db } = startTestRun(node(), { txs: 20, impersonate: [whale], mining: 'automine' })
    const report = await session.done
    expect(report.counts.mined).toBe(20)
    expect(report.accounts).toMatchObject([{ address: whale, kind: 'node', sent: 20 }])
    const rows = createRunsRepo(db).txs(session.id)
    for (const r of rows.slice(0, 5))
      expect((await receiptOf(node(), known(r.hash, `hash of tx ${r.idx}`)))?.from.toLowerCase()).toBe(
        whale.toLowerCase(),
      )
    expect(await onChainNonce(node(), whale)).toBe(20)
    await expect(
      node().conn.request('eth_sendTransaction', [{ from: whale, to: whale, value: '0x0' }]),
    ).rejects.toThrow()
  })
})

describe('balance monitoring and top-up', () => {
  // Drained as the first tx is signed: before any of its txs can be mined, however fast the run.
  const drainOne = (session: ReturnType<typeof startTestRun>['session'], victim: () => Address | undefined) => {
    let done = false
    session.bus.on('event', (e: RunEvent) => {
      const v = victim()
      if (!done && v && e.type === 'tx' && e.state === 'signed') {
        done = true
        void node().conn.request('anvil_setBalance', [v, toHex(10n ** 12n)])
      }
    })
  }

  it.each([true, false])('an account that runs dry is reported (topUp: %s)', async (topUp) => {
    const mnemonic = freshMnemonic()
    const [victim] = deriveAccounts(mnemonic, 1)
    const { session } = startTestRun(node(), { txs: 200, accounts: 2, rate: 300, mining: 'engine', topUp, mnemonic })
    drainOne(session, () => victim?.address)
    const report = await session.done
    // Both the balance monitor and the refused send notice it: still one warning, one wording.
    const lowBalance = report.warnings.filter((w) => w.code === lowBalanceCode)
    expect(lowBalance).toHaveLength(1)
    const warning = lowBalance[0]
    expect(warning?.message).toContain(victim?.address)
    expect(warning?.message).toMatch(/is low on ETH: each of its txs may cost up to [0-9.]+ ETH/)
    expect(report.invariantHolds).toBe(true)
    if (topUp) {
      expect(report.counts).toMatchObject({ mined: 200, failed: 0 })
      expect(warning?.message).toMatch(/Topping it up/)
      expect(warning?.hint).toBeUndefined()
    } else {
      // Txs sent after the drain are refused (failed); those the node had accepted before it can
      // never be mined now (dropped): which of the two depends on timing, one of them must show.
      expect(report.counts.failed + report.counts.dropped).toBeGreaterThan(0)
      expect(report.counts.mined + report.counts.failed + report.counts.dropped).toBe(200)
      if (report.counts.failed)
        expect(report.errors.find((g) => g.kind === 'insufficient-funds')?.hint).toMatch(/Fund the sender/)
      expect(warning?.message).not.toMatch(/Topping it up/)
      expect(warning?.hint).toMatch(/Enable topUp/)
    }
  })
})

describe('funding without cheat codes', () => {
  it('falls back to transfers from the funder when anvil_setBalance is unavailable', async () => {
    const proxy = await startRpcProxy(testNode.anvil.rpcUrl, { refuse: new Set(['anvil_setBalance']) })
    const viaProxy = await openNode({ rpcUrl: proxy.url })
    try {
      const funder = known((await node().conn.request('eth_accounts'))[0], 'an account of the node')
      const funderNonce = await onChainNonce(node(), funder)
      const mnemonic = freshMnemonic()
      const report = await startTestRun(viaProxy, { txs: 40, accounts: 8, mining: 'engine', mnemonic }).session.done
      expect(report.counts.mined).toBe(40)
      expect(proxy.seen).toContain('anvil_setBalance')
      expect(await onChainNonce(node(), funder)).toBe(funderNonce + 8)
      for (const a of report.accounts) expect(await balanceOf(asAddress(a.address))).toBeGreaterThan(0n)
    } finally {
      await viaProxy.close()
      await proxy.close()
    }
  })

  it('an underfunded funder stops the run before any tx, naming the shortfall', async () => {
    const funderKey = generatePrivateKey()
    const funder = privateKeyToAddress(funderKey)
    await node().conn.request('anvil_setBalance', [funder, toHex(parseEther('0.01'))])
    const mnemonic = freshMnemonic()
    const { session } = startTestRun(node(), {
      txs: 100,
      accounts: 5,
      value: parseEther('1').toString(),
      funding: 'transfer',
      funderKey,
      mnemonic,
    })
    const report = await session.done
    expect(report.status).toBe('failed')
    expect(report.error?.code).toBe('INSUFFICIENT_FUNDING')
    expect(report.error?.message).toMatch(
      new RegExp(`Funder ${funder} has 0.01 ETH; funding 5 sender\\(s\\) needs [0-9.]+ ETH \\([0-9.]+ ETH missing\\)`),
    )
    expect(report.error?.hint).toMatch(/Nothing was sent/)
    expect(report.counts.cancelled + report.counts.mined).toBe(0)
    expect(await onChainNonce(node(), funder)).toBe(0)
    for (const a of deriveAccounts(mnemonic, 5)) expect(await onChainNonce(node(), a.address)).toBe(0)
  })
})
