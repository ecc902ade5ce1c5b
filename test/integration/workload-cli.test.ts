import { type Address, encodeFunctionData, hexToBigInt, parseAbi } from 'viem'
import { describe, expect, it } from 'vitest'
import { deriveAccounts } from '../../services/accounts/derive'
import { withTestNode } from '../helpers/anvil'
import { onChainNonce } from '../helpers/chain'
import { runConfigFile } from '../helpers/cli-config'
import { writeFoundryProject } from '../helpers/foundry-project'
import { freshMnemonic } from '../helpers/run'

/**
 * Workloads as a user writes them: a YAML file beside a Foundry project, artifacts by path and by
 * name (--foundry-out), a library linked by its name in the workload, run by the real CLI against
 * a real Anvil and checked against the chain.
 */
const testNode = withTestNode()
const conn = () => testNode.node.conn
const views = parseAbi(['function count() view returns (uint256)', 'function total() view returns (uint256)'])

async function readUint(address: Address, functionName: 'count' | 'total'): Promise<bigint> {
  const data = encodeFunctionData({ abi: views, functionName })
  return hexToBigInt(await conn().request('eth_call', [{ to: address, data }, 'latest']))
}

const run = (
  dir: string,
  name: string,
  scenario: Record<string, unknown>,
  extra: string[] = [],
  config: Record<string, unknown> = {},
) =>
  runConfigFile(
    {
      dir,
      name,
      rpcUrl: testNode.anvil.rpcUrl,
      config: { txs: 60, accounts: 3, mining: 'engine', ...config, scenario },
    },
    extra,
  )

describe('workloads from a config file', () => {
  const { dir, out } = writeFoundryProject()

  it('artifacts by path and by name, a library linked by name: every call mined, the state as the chain says', async () => {
    const r = await run(
      dir,
      'mixed.yaml',
      {
        name: 'workload',
        contracts: {
          // Summer needs MathLib linked: the workload has a contract of that name, so it is linked to it.
          Summer: { artifact: 'out/Summer.sol/Summer.json' },
          MathLib: { artifact: 'out/Summer.sol/MathLib.json' },
          Counter: { artifact: 'Counter' },
        },
        calls: [
          { contract: 'Summer', function: 'addTo', args: [3], weight: 1 },
          { contract: 'Counter', function: 'increment', weight: 2 },
        ],
        checks: [{ contract: 'Counter', call: 'count()', expect: { increasedByMined: 1 } }],
      },
      ['--foundry-out', out],
    )
    expect(r.code, r.stdout).toBe(0)
    const { Summer, MathLib, Counter } = r.report!.scenario!.contracts as Record<string, Address>
    // The library went first, and its address is in Summer's code.
    expect(r.report!.scenario!.setup!.deploys.map((d) => d.contract)).toEqual(['MathLib', 'Summer', 'Counter'])
    const code = await conn().request('eth_getCode', [Summer!, 'latest'])
    expect(code.toLowerCase()).toContain(MathLib!.slice(2).toLowerCase())
    const f = new Map(r.report!.functions.map((x) => [x.label, x]))
    expect(f.get('Summer.addTo')!.mined + f.get('Counter.increment')!.mined).toBe(60)
    expect(await readUint(Summer!, 'total')).toBe(3n * BigInt(f.get('Summer.addTo')!.mined))
    expect(await readUint(Counter!, 'count')).toBe(BigInt(f.get('Counter.increment')!.mined))
    expect(r.report!.scenario!.checks.every((c) => c.ok)).toBe(true)
  })

  it('a library the workload does not have is bad input naming it; nothing is sent', async () => {
    const r = await run(dir, 'unlinked.yaml', {
      name: 'workload',
      contracts: { Summer: { artifact: 'out/Summer.sol/Summer.json' } },
      calls: [{ contract: 'Summer', function: 'addTo', args: [1], weight: 1 }],
    })
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('scenario.contracts.Summer.libraries')
    expect(r.stdout).toContain('src/Summer.sol:MathLib')
    expect(r.report!.counts.mined + r.report!.counts.reverted).toBe(0)
  })

  it('a set-up step that reverts stops the run before the load: exit 2, the step, the decoded reason', async () => {
    const mnemonic = freshMnemonic()
    const r = await run(
      dir,
      'bad-setup.yaml',
      {
        name: 'workload',
        contracts: { Token: { builtin: 'StressToken' } },
        setup: [
          // The senders hold no tokens: moving some reverts with the token's own custom error.
          { contract: 'Token', function: 'transfer', forEach: 'sender', args: ['{{deployer}}', 5] },
        ],
        calls: [{ contract: 'Token', function: 'transfer', args: [{ kind: 'account' }, 1], weight: 1 }],
      },
      [],
      { mnemonic },
    )
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(
      /scenario\.setup\[0\]: Token\.transfer for 0x[0-9a-fA-F]{40} reverts: InsufficientBalance\(/,
    )
    expect(r.report!.counts).toMatchObject({ mined: 0, reverted: 0, failed: 0 })
    // Only the deploy reached the chain, from the deployer (the first sender); the others sent nothing.
    const [deployer, ...others] = deriveAccounts(mnemonic, 3).map((a) => a.address)
    expect(await onChainNonce(testNode.node, deployer!)).toBe(1)
    for (const a of others) expect(await onChainNonce(testNode.node, a)).toBe(0)
  })
})
