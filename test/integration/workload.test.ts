import { readFileSync } from 'node:fs'
import { type Address, decodeEventLog, decodeFunctionResult, encodeFunctionData, parseAbi } from 'viem'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { deriveAccounts } from '../../services/accounts/derive'
import { createRunsRepo } from '../../services/store/runs-repo'
import { withTestNode } from '../helpers/anvil'
import { expectReportEqualsChain, onChainNonce } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()
const node = () => testNode.node

const exampleOf = (name: string) => parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'))
const example = exampleOf('amm-swaps.yaml')
const poolAbi = parseAbi([
  'function getReserves() view returns (uint256, uint256)',
  'event Swap(address indexed sender, address indexed tokenIn, uint256 amountIn, uint256 amountOut, address to)',
  'event Mint(address indexed sender, uint256 amount0, uint256 amount1, uint256 liquidity)',
  'event Burn(address indexed sender, uint256 amount0, uint256 amount1, uint256 liquidity)',
  'event Sync(uint256 reserve0, uint256 reserve1)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])
type PoolEvent = {
  eventName: string
  args: { amount0: bigint; amount1: bigint; tokenIn: Address; amountIn: bigint; amountOut: bigint }
}
const tokenAbi = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'function totalAssets() view returns (uint256)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
])

const logsOf = (address: Address) =>
  node().conn.request('eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest', address }])
async function read<T>(abi: typeof poolAbi | typeof tokenAbi, to: Address, functionName: string, args: unknown[] = []) {
  const data = encodeFunctionData({ abi, functionName, args } as never)
  const raw = await node().conn.request('eth_call', [{ to, data }, 'latest'])
  return decodeFunctionResult({ abi, functionName, data: raw } as never) as T
}

describe('workload: the AMM example on a real Anvil', () => {
  it('5,000 mixed txs from 50 accounts: each call at its weight, reserves and balances as the receipts say', async () => {
    const mnemonic = freshMnemonic()
    const scenario = structuredClone(example.scenario)
    // A swap that always asks for more than the pool can give: its reverts must be decoded and grouped.
    scenario.calls.push({
      name: 'swap too greedy',
      contract: 'Pool',
      function: 'swap',
      args: [
        '{{TokenA}}',
        '1000000000000000000',
        '1000000000000000000000000',
        '{{sender}}',
        { kind: 'now', plus: 600 },
      ],
      gas: 200_000,
      weight: 5,
    })
    const { session, db } = startTestRun(node(), { txs: 5000, accounts: 50, mining: 'engine', mnemonic, scenario })
    const report = await session.done
    expect(report.status).toBe('completed')

    // The load's numbers hold the 5,000 planned txs only; set-up txs are reported on their own.
    expect(report.counts).toMatchObject({ planned: 5000, failed: 0, dropped: 0, cancelled: 0, unconfirmed: 0 })
    expect(report.counts.mined + report.counts.reverted).toBe(5000)
    const setup = report.scenario!.setup!
    expect(setup.deploys.map((d) => d.contract)).toEqual(['TokenA', 'TokenB', 'Pool'])
    // 2 transfers + 2 approvals + 1 add for each of 50 senders, plus the first liquidity.
    expect(setup.steps.map((s) => s.txs)).toEqual([50, 50, 50, 50, 1, 50])
    expect(setup.txs).toBe(3 + 251)
    const senders = deriveAccounts(mnemonic, 50).map((a) => a.address)
    const nonces = await Promise.all(senders.map((a) => onChainNonce(node(), a)))
    // Every tx the senders ever sent is a load tx or a set-up tx: nothing else, nothing missing.
    expect(nonces.reduce((a, n) => a + n, 0)).toBe(5000 + setup.txs)
    await expectReportEqualsChain(node(), report)

    // Each call kind got its share of the load, within 5 points.
    const weights = scenario.calls.map((c: { weight: number }) => c.weight)
    const total = weights.reduce((a: number, w: number) => a + w, 0)
    const byLabel = new Map(report.functions.map((f) => [f.label, f]))
    const labels = [
      'swap A→B',
      'swap B→A',
      'Pool.addLiquidity',
      'Pool.removeLiquidity',
      'TokenA.transfer',
      'swap too greedy',
    ]
    labels.forEach((label, k) => {
      const f = byLabel.get(label)
      expect(f, label).toBeDefined()
      expect(Math.abs(f!.count / 5000 - weights[k] / total), label).toBeLessThan(0.05)
      if (label === 'swap too greedy') expect(f!.reverted).toBe(f!.count)
      else expect(f!.mined, label).toBe(f!.count)
    })
    // The reverted swaps are one group, named by the call and decoded with the pool's ABI.
    const greedy = report.errors.filter((g) => g.label === 'swap too greedy')
    expect(greedy).toHaveLength(1)
    expect(greedy[0]!.count).toBe(byLabel.get('swap too greedy')!.count)
    expect(greedy[0]!.sample).toMatch(/InsufficientOutput\(amount: \d+, minimum: 1000000000000000000000000\)/)

    // The chain's receipts: the pool's events imply its reserves, and the tokens' Transfer events every balance.
    const { TokenA, TokenB, Pool } = report.scenario!.contracts as Record<string, Address>
    const implied = [0n, 0n]
    const poolLogs = await logsOf(Pool!)
    const loadHashes = new Set(
      createRunsRepo(db)
        .txs(session.id)
        .map((r) => r.hash),
    )
    let loadSwaps = 0
    for (const log of poolLogs) {
      const e = decodeEventLog({ abi: poolAbi, data: log.data, topics: log.topics }) as unknown as PoolEvent
      if (e.eventName === 'Mint' || e.eventName === 'Burn') {
        const sign = e.eventName === 'Mint' ? 1n : -1n
        implied[0]! += sign * e.args.amount0
        implied[1]! += sign * e.args.amount1
      }
      if (e.eventName === 'Swap') {
        const zeroIn = e.args.tokenIn.toLowerCase() === TokenA!.toLowerCase()
        implied[zeroIn ? 0 : 1]! += e.args.amountIn
        implied[zeroIn ? 1 : 0]! -= e.args.amountOut
        if (loadHashes.has(log.transactionHash)) loadSwaps++
      }
    }
    expect(await read(poolAbi, Pool!, 'getReserves')).toEqual(implied)
    expect(await read(tokenAbi, TokenA!, 'balanceOf', [Pool])).toBe(implied[0])
    expect(await read(tokenAbi, TokenB!, 'balanceOf', [Pool])).toBe(implied[1])
    expect(loadSwaps).toBe(byLabel.get('swap A→B')!.mined + byLabel.get('swap B→A')!.mined)

    for (const token of [TokenA!, TokenB!]) {
      const balances = new Map<string, bigint>()
      for (const log of await logsOf(token)) {
        const e = decodeEventLog({ abi: tokenAbi, data: log.data, topics: log.topics }) as unknown as {
          eventName: string
          args: { from: Address; to: Address; value: bigint }
        }
        if (e.eventName !== 'Transfer') continue
        const { args } = e
        const move = (who: Address, by: bigint) =>
          balances.set(who.toLowerCase(), (balances.get(who.toLowerCase()) ?? 0n) + by)
        move(args.from, -args.value)
        move(args.to, args.value)
      }
      for (const a of senders)
        expect(await read(tokenAbi, token, 'balanceOf', [a])).toBe(balances.get(a.toLowerCase()) ?? 0n)
    }
    // The workload's own checks agree: the invariant held and no token was minted.
    expect(report.scenario!.checks.map((c) => [c.name, c.ok])).toEqual([
      ['k per LP share never fell', true],
      ['TokenA supply unchanged', true],
      ['TokenB supply unchanged', true],
    ])
  }, 240_000)

  it('OpenZeppelin ERC20 + ERC4626 from the npm package: every asset and share accounted for on chain', async () => {
    const mnemonic = freshMnemonic()
    const { scenario } = exampleOf('token-vault.yaml')
    const report = await startTestRun(node(), { txs: 600, accounts: 10, mining: 'engine', mnemonic, scenario }).session
      .done
    expect(report.status).toBe('completed')
    expect(report.counts).toMatchObject({ planned: 600, mined: 600 })
    await expectReportEqualsChain(node(), report)
    const { Asset, Vault } = report.scenario!.contracts as Record<string, Address>
    const senders = deriveAccounts(mnemonic, 10).map((a) => a.address)
    const sum = async (token: Address) =>
      (await Promise.all(senders.map((a) => read<bigint>(tokenAbi, token, 'balanceOf', [a])))).reduce(
        (x, y) => x + y,
        0n,
      )
    // The vault holds exactly the assets it reports, and the senders hold every share.
    expect(await read(tokenAbi, Vault!, 'totalAssets')).toBe(await read(tokenAbi, Asset!, 'balanceOf', [Vault]))
    expect(await sum(Vault!)).toBe(await read(tokenAbi, Vault!, 'totalSupply'))
    // No asset was created or lost: the senders (the deployer among them) and the vault hold the supply.
    const held = (await sum(Asset!)) + (await read<bigint>(tokenAbi, Asset!, 'balanceOf', [Vault]))
    expect(held).toBe(await read(tokenAbi, Asset!, 'totalSupply'))
    expect(report.scenario!.checks.every((c) => c.ok)).toBe(true)
  }, 120_000)
})
