import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAnvil } from '../../services/chain/anvil'
import { withTestNode } from '../helpers/anvil'
import { expectReportEqualsChain } from '../helpers/chain'
import { startRpcProxy } from '../helpers/rpc-proxy'
import { freshMnemonic, startTestRun } from '../helpers/run'

// Three send endpoints in front of one Anvil: the node itself and two proxies (one to be cut).
const testNode = withTestNode()
let proxies: Awaited<ReturnType<typeof startRpcProxy>>[] = []
beforeAll(async () => {
  proxies = await Promise.all([startRpcProxy(testNode.anvil.rpcUrl), startRpcProxy(testNode.anvil.rpcUrl)])
})
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()))
})
const urls = () => [testNode.anvil.rpcUrl, ...proxies.map((p) => p.url)]
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const sends = (p: (typeof proxies)[number]) => p.seen.filter((m) => m === 'eth_sendRawTransaction').length

describe('several RPC endpoints', () => {
  it('round-robin over 3, one cut mid-run: the run completes on the others, with per-endpoint numbers', async () => {
    for (const p of proxies) p.seen.length = 0
    const { session } = startTestRun(testNode.node, {
      rpcUrl: testNode.anvil.rpcUrl,
      rpcUrls: urls(),
      txs: 3000,
      accounts: 10,
      rate: 600,
      mining: 'engine',
      requestTimeoutMs: 2_000,
      mnemonic: freshMnemonic(),
    })
    const cut = proxies[1] as (typeof proxies)[number]
    while (session.model.snapshot().counts.mined < 500) await sleep(20)
    cut.rules.down = true
    cut.cutAll()
    const report = await session.done
    cut.rules.down = false
    expect(report.status).toBe('completed')
    expect(report.counts.mined).toBe(3000)
    expect(report.invariantHolds).toBe(true)
    await expectReportEqualsChain(testNode.node, report)

    const [direct, first, second] = report.endpoints
    expect(report.endpoints.map((e) => e.index)).toEqual([0, 1, 2])
    expect(direct?.url).toBe(testNode.anvil.rpcUrl)
    // Every endpoint took txs; the cut one failed, was taken out, and the others took its share.
    for (const e of report.endpoints) expect(e.accepted).toBeGreaterThan(0)
    expect(second?.downs).toBeGreaterThanOrEqual(1)
    // Its failed sends stay errors unless the node had taken them, which the chain settles as
    // accepted (docs/metrics.md#endpoints): how many of each depends on what was on the wire at
    // the cut, but every send is one or the other.
    for (const e of report.endpoints)
      expect(e.accepted + Object.values(e.errors).reduce((n, c) => n + (c ?? 0), 0), e.url).toBe(e.sent)
    expect(report.warnings.some((w) => w.code === 'endpoint-out' && w.message.includes('rpcUrls[2]'))).toBe(true)
    expect((direct?.accepted ?? 0) + (first?.accepted ?? 0)).toBeGreaterThan(second?.accepted ?? 0)
    expect(report.endpoints.reduce((n, e) => n + e.accepted, 0)).toBeGreaterThanOrEqual(3000)
    // The proxies saw what the report says went through them.
    expect(sends(proxies[0] as (typeof proxies)[number])).toBeGreaterThanOrEqual(first?.accepted ?? 0)
    for (const e of report.endpoints) expect(e.submitRttMs.p50).not.toBeNull()
  })

  it.each([
    ['at once', {}],
    // Held first: the tracker has seen the tx mined before its lost answer comes back.
    ['after the tx is mined', { holdAnswerMs: 800, faultMethods: new Set(['eth_sendRawTransaction']) }],
  ])(
    'a send the node took but whose answer was cut (%s) counts as accepted there, once the chain has the tx',
    async (_when, rules) => {
      // Automine: the cut send is mined at once, so no other endpoint is ever asked for it; only the
      // chain says the cut endpoint took it.
      const cutting = await startRpcProxy(testNode.anvil.rpcUrl, { dropSendAnswersAt: new Set([1]), ...rules })
      try {
        const report = await startTestRun(testNode.node, {
          rpcUrls: [cutting.url, testNode.anvil.rpcUrl],
          txs: 10,
          accounts: 1,
          concurrency: 1,
          mining: 'automine',
          mnemonic: freshMnemonic(),
        }).session.done
        expect(cutting.faults.droppedSendAnswers).toBe(1)
        expect(report.counts.mined).toBe(10)
        await expectReportEqualsChain(testNode.node, report)
        // Each submission is one answer: accepted or an error, never both, never neither.
        for (const e of report.endpoints)
          expect(e.accepted + Object.values(e.errors).reduce((n, c) => n + (c ?? 0), 0)).toBe(e.sent)
        expect(report.endpoints.reduce((n, e) => n + e.accepted, 0)).toBe(10)
      } finally {
        await cutting.close()
      }
    },
  )

  it('by-account: each sender always to the same endpoint; broadcast: every tx to all three', async () => {
    for (const p of proxies) p.seen.length = 0
    const byAccount = await startTestRun(testNode.node, {
      rpcUrls: urls(),
      sendPolicy: 'by-account',
      txs: 300,
      accounts: 6,
      mining: 'engine',
      mnemonic: freshMnemonic(),
    }).session.done
    expect(byAccount.counts.mined).toBe(300)
    await expectReportEqualsChain(testNode.node, byAccount)
    // The sender's endpoint is fixed by its address: each endpoint sent its senders' txs (and their
    // retries, when the node asked for one: none in a clean run).
    const expected = [0, 0, 0]
    for (const a of byAccount.accounts) {
      const i = Number.parseInt(a.address.slice(-6), 16) % 3
      expected[i] = (expected[i] ?? 0) + a.sent
    }
    const retried = (r: typeof byAccount) => r.errors.reduce((n, g) => n + g.retried, 0)
    byAccount.endpoints.forEach((e, i) => {
      expect(e.sent).toBeGreaterThanOrEqual(expected[i] ?? 0)
      expect(e.sent - (expected[i] ?? 0)).toBeLessThanOrEqual(retried(byAccount))
    })

    const broadcast = await startTestRun(testNode.node, {
      rpcUrls: urls(),
      sendPolicy: 'broadcast',
      txs: 300,
      accounts: 6,
      mining: 'engine',
      mnemonic: freshMnemonic(),
    }).session.done
    expect(broadcast.counts.mined).toBe(300)
    await expectReportEqualsChain(testNode.node, broadcast)
    for (const e of broadcast.endpoints) {
      expect(e.sent).toBeGreaterThanOrEqual(300)
      expect(e.sent - 300).toBeLessThanOrEqual(retried(broadcast))
      // The node took each tx once; the copies that came after were "already known": accepted too.
      expect(e.accepted).toBeGreaterThanOrEqual(300)
    }
  })

  it('an endpoint on another chain, or one that does not answer, is named before anything is sent', async () => {
    const other = await createAnvil({ chainId: 5 })
    await other.start()
    try {
      const wrong = await startTestRun(testNode.node, {
        rpcUrls: [testNode.anvil.rpcUrl, other.rpcUrl],
        txs: 5,
        mnemonic: freshMnemonic(),
      }).session.done
      expect(wrong.error?.code).toBe('INVALID_CONFIG')
      expect(wrong.error?.message).toMatch(/^rpcUrls\[1\]: is chain 5; the node the run reads is chain 31337/)
      expect(wrong.counts.mined).toBe(0)
    } finally {
      await other.stop()
    }
    const down = await startTestRun(testNode.node, {
      rpcUrls: [testNode.anvil.rpcUrl, 'http://127.0.0.1:9'],
      txs: 5,
      mnemonic: freshMnemonic(),
    }).session.done
    expect(down.error?.code).toBe('INVALID_CONFIG')
    expect(down.error?.message).toMatch(/^rpcUrls\[1\]: cannot be reached/)
  })
})
