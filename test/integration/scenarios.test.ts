import { type Abi, type Address, decodeFunctionResult, encodeFunctionData } from 'viem'
import { describe, expect, it } from 'vitest'
import { deriveAccounts } from '../../services/accounts/derive'
import { loadBuiltinArtifact } from '../../services/contracts/artifacts'
import { createRunsRepo } from '../../services/store/runs-repo'
import { withTestNode } from '../helpers/anvil'
import { onChainNonce } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()
const node = () => testNode.node

/** A view call answered by the chain itself. */
async function read(abi: Abi, to: Address, functionName: string, args: unknown[] = []): Promise<unknown> {
  const data = encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0])
  const raw = await node().conn.request('eth_call', [{ to, data }, 'latest'])
  return decodeFunctionResult({ abi, functionName, data: raw } as Parameters<typeof decodeFunctionResult>[0])
}

const token = loadBuiltinArtifact('StressToken')

describe('scenarios on a real Anvil', () => {
  it('rapid-transfer: 500 ERC20 transfers leave every balance exactly as expected', async () => {
    const mnemonic = freshMnemonic()
    const report = await startTestRun(node(), {
      txs: 500,
      accounts: 10,
      mining: 'engine',
      mnemonic,
      scenario: { name: 'rapid-transfer', token: 'erc20', amount: '7' },
    }).session.done
    expect(report.counts).toMatchObject({ planned: 500, mined: 500, reverted: 0 })
    const checks = report.scenario?.checks ?? []
    expect(checks).toHaveLength(10)
    expect(checks.every((c) => c.ok)).toBe(true)
    // Independently: round-robin to the next account moves 50 × 7 in and out of each: back to the mint.
    const tokenAddress = report.scenario?.contracts.token as Address
    for (const a of deriveAccounts(mnemonic, 10))
      expect(await read(token.abi, tokenAddress, 'balanceOf', [a.address])).toBe(350n)
  })

  it('concurrent-users: 20 users complete approve → transfer journeys side by side', async () => {
    const mnemonic = freshMnemonic()
    const report = await startTestRun(node(), {
      mode: 'multi-user',
      accounts: 20,
      delayMs: 10,
      mining: 'automine',
      mnemonic,
      scenario: { name: 'concurrent-users', journeysPerUser: 1, amount: '1000' },
    }).session.done
    expect(report.counts).toMatchObject({ planned: 40, mined: 40 })
    expect(report.scenario?.checks.every((c) => c.ok)).toBe(true)
    const tokenAddress = report.scenario?.contracts.token as Address
    const users = deriveAccounts(mnemonic, 20)
    for (const [i, u] of users.entries()) {
      const next = users[(i + 1) % users.length] as (typeof users)[number]
      expect(await read(token.abi, tokenAddress, 'allowance', [u.address, next.address])).toBe(1000n)
      expect(await read(token.abi, tokenAddress, 'balanceOf', [u.address])).toBe(1000n)
    }
  })

  it('batch-operations: moves the expected total both ways and compares gas per operation', async () => {
    const report = await startTestRun(node(), {
      txs: 200,
      accounts: 5,
      mining: 'engine',
      mnemonic: freshMnemonic(),
      scenario: { name: 'batch-operations', opsPerTx: 20, amount: '3' },
    }).session.done
    expect(report.counts).toMatchObject({ planned: 210, mined: 210 })
    expect(report.scenario?.checks).toEqual([
      { name: 'total moved to recipients', ok: true, expected: String(400 * 3), actual: String(400 * 3) },
    ])
    const f = report.scenario?.findings as Record<string, Record<string, number>>
    expect(f.batched?.ops).toBe(200)
    expect(f.singleTxsInJsonRpcBatches?.ops).toBe(200)
    expect(f.batched?.gasPerOp).toBeLessThan(f.singleTxsInJsonRpcBatches?.gasPerOp ?? 0)
  })

  it('gas-limit: the ramp finds the block gas limit within 1% and the fill phase fills blocks', async () => {
    const report = await startTestRun(node(), {
      accounts: 4,
      mining: 'engine',
      mnemonic: freshMnemonic(),
      scenario: { name: 'gas-limit', rampFrom: 0.9, rampTo: 1.1, rampSteps: 21, fillTxs: 24 },
    }).session.done
    expect(report.invariantHolds).toBe(true)
    const f = report.scenario?.findings as Record<string, number | string>
    expect(f.blockGasLimit).toBe(node().info.blockGasLimit.toString())
    expect(Number(f.foundLimitErrorPercent)).toBeLessThanOrEqual(1)
    expect(BigInt(f.highestAcceptedGasLimit as string)).toBeLessThanOrEqual(node().info.blockGasLimit)
    expect(BigInt(f.lowestRefusedGasLimit as string)).toBeGreaterThan(node().info.blockGasLimit)
    expect(report.errors.find((g) => g.kind === 'gas-above-block-limit')?.count).toBe(Number(f.rampRefused))
    expect(Number(f.fillAvgBlockFullness)).toBeGreaterThan(0.7)
  })

  it('custom-call: a contract deployed from a Foundry artifact gets the generated args', async () => {
    const counter = loadBuiltinArtifact('Counter')
    const foundry = { abi: counter.abi, bytecode: { object: counter.bytecode }, metadata: {} }
    const mnemonic = freshMnemonic()
    const report = await startTestRun(node(), {
      txs: 50,
      accounts: 5,
      mining: 'engine',
      mnemonic,
      scenario: {
        name: 'custom-call',
        target: { artifact: JSON.stringify(foundry) },
        function: 'incrementBy',
        args: [{ kind: 'sequence', start: 1, step: 1 }],
      },
    }).session.done
    expect(report.counts).toMatchObject({ planned: 50, mined: 50 })
    const address = report.scenario?.contracts.target as Address
    expect(await read(counter.abi, address, 'count')).toBe(BigInt((50 * 51) / 2))
    // Each sender's own tally, as the contract kept it, adds up to the same total.
    let perSender = 0n
    for (const a of deriveAccounts(mnemonic, 5))
      perSender += (await read(counter.abi, address, 'countOf', [a.address])) as bigint
    expect(perSender).toBe(BigInt((50 * 51) / 2))
  })

  it('custom-call: txs that revert on purpose are reverted with the decoded reason', async () => {
    const { session, db } = startTestRun(node(), {
      txs: 50,
      accounts: 5,
      mining: 'engine',
      mnemonic: freshMnemonic(),
      scenario: {
        name: 'custom-call',
        target: { builtin: 'GasBurner' },
        function: 'maybeRevert',
        args: [{ kind: 'sequence', start: 1 }, 5],
      },
    })
    const report = await session.done
    expect(report.counts).toMatchObject({ planned: 50, mined: 40, reverted: 10 })
    const group = report.errors.find((g) => g.kind === 'reverted')
    expect(group?.count).toBe(10)
    expect(group?.sample).toMatch(/unlucky/)
    const rows = createRunsRepo(db)
      .txs(session.id)
      .filter((r) => r.state === 'reverted')
    expect(rows).toHaveLength(10)
    expect(rows.every((r) => /unlucky/.test(r.error_message ?? ''))).toBe(true)
    // Reverted on chain too: every fifth value (5, 10, …) is the unlucky one.
    expect(rows.map((r) => r.idx + 1).every((v) => v % 5 === 0)).toBe(true)
  })
})

describe('custom-call state checks: the contract read before and after the run', () => {
  it('pass when the chain agrees and fail, with both values, when it does not', async () => {
    const report = await startTestRun(node(), {
      txs: 30,
      accounts: 3,
      mining: 'engine',
      mnemonic: freshMnemonic(),
      scenario: {
        name: 'custom-call',
        target: { builtin: 'Counter' },
        function: 'increment()',
        checks: [
          { call: 'count()', expect: { increasedByMined: 1 } },
          { call: 'count()', expect: { atLeast: 30 } },
          { name: 'a wrong expectation', call: 'count()', expect: 'unchanged' },
          { call: 'count()', expect: { equals: '31' } },
        ],
      },
    }).session.done
    expect(report.counts).toMatchObject({ planned: 30, mined: 30 })
    const address = report.scenario?.contracts.target as Address
    const onChain = await read(loadBuiltinArtifact('Counter').abi, address, 'count')
    expect(onChain).toBe(30n)
    expect(report.scenario?.checks.map((c) => [c.name, c.ok, c.actual])).toEqual([
      ['count()', true, 'increase of 30 (0 → 30)'],
      ['count()', true, '30'],
      ['a wrong expectation', false, '30'],
      ['count()', false, '30'],
    ])
  })

  it.each([
    [{ call: 'increment()', expect: 'unchanged' }, 'scenario.checks[0].call', /nonpayable: a check reads state/],
    [{ call: 'nope()', expect: 'unchanged' }, 'scenario.checks[0].call', /not in the ABI/],
    [{ call: 'countOf', args: ['0x12'], expect: 'unchanged' }, 'scenario.checks[0].args[0]', /./],
    [{ call: 'count()', expect: { equals: 'lots' } }, 'scenario.checks[0].expect.equals', /whole number/],
  ])('a bad check %j is refused before anything is sent, naming %s', async (check, field, message) => {
    const mnemonic = freshMnemonic()
    const report = await startTestRun(node(), {
      txs: 5,
      accounts: 2,
      mnemonic,
      scenario: { name: 'custom-call', target: { builtin: 'Counter' }, function: 'increment()', checks: [check] },
    }).session.done
    expect(report.error?.code).toBe('INVALID_CONFIG')
    expect(report.error?.message).toContain(field)
    expect(report.error?.message).toMatch(message)
    for (const a of deriveAccounts(mnemonic, 2)) expect(await onChainNonce(node(), a.address)).toBe(0)
  })
})

describe('custom-call bad input is refused before anything is sent', () => {
  const abi = [
    {
      type: 'function',
      name: 'f',
      stateMutability: 'nonpayable',
      inputs: [
        { name: 'x', type: 'uint8' },
        { name: 'to', type: 'address' },
      ],
      outputs: [],
    },
  ]
  const target = { address: '0x00000000000000000000000000000000000000aa', abi }
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'an ABI that is not JSON',
      { target: { ...target, abi: '[{"type": "function",' }, function: 'f', args: [1, target.address] },
      'scenario.target.abi',
      /not valid JSON/,
    ],
    [
      'a function not in the ABI',
      { target, function: 'g', args: [] },
      'scenario.function',
      /"g" is not in the ABI; it has: f\(uint8,address\)/,
    ],
    ['a wrong argument count', { target, function: 'f', args: [1] }, 'scenario.args', /expected 2/],
    ['-1 for a uint8', { target, function: 'f', args: [-1, target.address] }, 'scenario.args[0]', /0 and 255/],
    [
      'a 19-byte address',
      { target, function: 'f', args: [1, '0x00000000000000000000000000000000000000'] },
      'scenario.args[1]',
      /19 bytes/,
    ],
    [
      'bytecode that fails to deploy',
      { target: { artifact: { abi: [], bytecode: '0x60006000fd' } }, function: 'f', args: [] },
      'scenario.function',
      /not in the ABI/,
    ],
  ]
  it.each(cases)('%s', async (_name, scenario, field, message) => {
    const mnemonic = freshMnemonic()
    const report = await startTestRun(node(), {
      txs: 5,
      accounts: 2,
      mnemonic,
      scenario: { name: 'custom-call', ...scenario },
    }).session.done
    expect(report.status).toBe('failed')
    expect(report.error?.code).toBe('INVALID_CONFIG')
    expect(report.error?.message).toContain(field)
    expect(report.error?.message).toMatch(message)
    for (const a of deriveAccounts(mnemonic, 2)) expect(await onChainNonce(node(), a.address)).toBe(0)
  })

  it('bytecode whose constructor reverts: a deploy error, no tx sent', async () => {
    const mnemonic = freshMnemonic()
    const abi = [{ type: 'function', name: 'f', stateMutability: 'nonpayable', inputs: [], outputs: [] }]
    const report = await startTestRun(node(), {
      txs: 5,
      accounts: 2,
      mnemonic,
      scenario: { name: 'custom-call', target: { artifact: { abi, bytecode: '0x60006000fd' } }, function: 'f' },
    }).session.done
    expect(report.status).toBe('failed')
    expect(report.error?.code).toBe('DEPLOY_FAILED')
    expect(report.error?.message).toMatch(/failed to deploy/)
    for (const a of deriveAccounts(mnemonic, 2)) expect(await onChainNonce(node(), a.address as Address)).toBe(0)
  })
})
