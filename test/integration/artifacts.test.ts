import { join } from 'node:path'
import { type Address, encodeFunctionData, type Hex, hexToBigInt, parseAbi } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import type { LocalSender } from '../../services/accounts/sender'
import type { Fees } from '../../services/chain/signer'
import { deployContract } from '../../services/contracts/deploy'
import { withTestNode } from '../helpers/anvil'
import { runCli } from '../helpers/cli'
import { runConfigFile } from '../helpers/cli-config'
import { writeAt, writeFoundryProject } from '../helpers/foundry-project'
import {
  combinedJsonOf,
  compileStandardJson,
  counterSource,
  foundryArtifactOf,
  hardhatArtifactOf,
  mathLibSource,
} from '../helpers/solc'

/**
 * Artifacts as a project has them on disk — a Foundry out/ tree, a Hardhat artifact, solc
 * standard-JSON and combined-json files — named by path (or by contract name) in a config file,
 * run by the real CLI against a real Anvil, and checked against the chain: the code at the
 * deployed address, and the contract's own state after the mined calls.
 */
const testNode = withTestNode()
const conn = () => testNode.node.conn

const txs = 10
const views = parseAbi(['function count() view returns (uint256)', 'function total() view returns (uint256)'])

/** A view function's value, read with eth_call: the chain's answer, not the report's. */
async function readUint(address: Address, functionName: 'count' | 'total'): Promise<bigint> {
  const data = encodeFunctionData({ abi: views, functionName })
  return hexToBigInt(await conn().request('eth_call', [{ to: address, data }, 'latest']))
}

const codeAt = async (address: Address) => conn().request('eth_getCode', [address, 'latest'])

/** Writes `config` as YAML in `dir` and runs `evm-stress run --config` on it against the test node. */
const runConfig = (dir: string, name: string, config: Record<string, unknown>, extra: string[] = []) =>
  runConfigFile(
    { dir, name, rpcUrl: testNode.anvil.rpcUrl, config: { txs, accounts: 2, mining: 'engine', ...config } },
    extra,
  )

const counterCall = (target: Record<string, unknown>) => ({
  scenario: { name: 'custom-call', target, function: 'increment' },
})

describe('custom-call target artifacts read from files', () => {
  const { dir, out } = writeFoundryProject()
  const compiled = compileStandardJson({ 'src/Counter.sol': counterSource, 'src/Summer.sol': mathLibSource })
  writeAt(
    dir,
    'artifacts/contracts/Counter.sol/Counter.json',
    hardhatArtifactOf(compiled, 'src/Counter.sol', 'Counter'),
  )
  writeAt(dir, 'solc/standard.json', compiled)
  writeAt(dir, 'solc/combined.json', combinedJsonOf(compiled))

  it.each([
    ['Foundry out/', { artifact: 'out/Counter.sol/Counter.json' }],
    ['Hardhat', { artifact: 'artifacts/contracts/Counter.sol/Counter.json' }],
    ['solc standard-JSON', { artifact: 'solc/standard.json', contractName: 'Counter' }],
    ['solc --combined-json', { artifact: './solc/combined.json', contractName: 'src/Counter.sol:Counter' }],
  ])('%s artifact by path: deployed, and count() equals the mined calls', async (_, target) => {
    const r = await runConfig(dir, 'counter.yaml', counterCall(target))
    expect(r.stderr).not.toMatch(/error/i)
    expect(r.code).toBe(0)
    const address = r.report?.scenario?.contracts.target as Address
    expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/)
    expect(await codeAt(address)).not.toBe('0x')
    expect(r.report?.counts.mined).toBe(txs)
    expect(await readUint(address, 'count')).toBe(BigInt(txs))
  })

  it('a bare contract name found with --foundry-out', async () => {
    const r = await runConfig(dir, 'by-name.yaml', counterCall({ artifact: 'Counter' }), ['--foundry-out', out])
    expect(r.code).toBe(0)
    const address = r.report?.scenario?.contracts.target as Address
    expect(await readUint(address, 'count')).toBe(BigInt(txs))
    expect(r.report?.counts.mined).toBe(txs)
  })

  it('evm-stress contracts --foundry-out lists what can be named', async () => {
    const r = await runCli(['contracts', '--foundry-out', out])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Counter\s+Counter\.sol\s+yes/)
    expect(r.stdout).toMatch(/Summer\s+Summer\.sol\s+needs libraries src\/Summer\.sol:MathLib/)
  })

  it('a path that is not there: exit 2, the field and the resolved path named, nothing run', async () => {
    const r = await runConfig(dir, 'missing.yaml', counterCall({ artifact: 'out/Nope.sol/Nope.json' }))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`scenario.target.artifact: cannot read ${join(dir, 'out/Nope.sol/Nope.json')}`)
    expect(r.report).toBeUndefined()
  })
})

describe('custom-call against a contract that links an external library', () => {
  const { dir } = writeFoundryProject()
  const devKey: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
  const deployer: LocalSender = { kind: 'local', address: privateKeyToAddress(devKey), privateKey: devKey }
  const fees: Fees = { type: 'eip1559', maxFeePerGas: 100_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n }
  const summer = (target: Record<string, unknown>) => ({
    scenario: { name: 'custom-call', target, function: 'addTo', args: [3] },
  })

  it('links the deployed library: its address is in the code on chain, and total() = 3 × mined', async () => {
    const compiled = compileStandardJson({ 'src/Summer.sol': mathLibSource })
    const lib = foundryArtifactOf(compiled, 'src/Summer.sol', 'MathLib')
    const library = await deployContract({
      conn: conn(),
      chainId: testNode.node.info.chainId,
      from: deployer,
      artifact: { contractName: 'MathLib', abi: lib.abi, bytecode: lib.bytecode.object as Hex },
      fees,
    })
    expect(await codeAt(library.address)).not.toBe('0x')

    const r = await runConfig(
      dir,
      'summer.yaml',
      summer({ artifact: 'out/Summer.sol/Summer.json', libraries: { MathLib: library.address } }),
    )
    expect(r.stderr).not.toMatch(/error/i)
    expect(r.code).toBe(0)
    const address = r.report?.scenario?.contracts.target as Address
    expect((await codeAt(address)).toLowerCase()).toContain(library.address.slice(2).toLowerCase())
    expect(r.report?.counts).toMatchObject({ mined: txs, reverted: 0 })
    expect(await readUint(address, 'total')).toBe(3n * BigInt(txs))
  })

  it('without libraries: exit 2, naming the field and the library, nothing run', async () => {
    const r = await runConfig(dir, 'summer-unlinked.yaml', summer({ artifact: 'out/Summer.sol/Summer.json' }))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'scenario.target.artifact: has no bytecode to deploy: it needs libraries linked first (src/Summer.sol:MathLib)',
    )
    expect(r.stderr).toContain('libraries: {MathLib: "0x…"}')
    expect(r.report).toBeUndefined()
  })

  it('a library address for a name the contract does not link: exit 2, the key named', async () => {
    const r = await runConfig(
      dir,
      'summer-typo.yaml',
      summer({ artifact: 'out/Summer.sol/Summer.json', libraries: { MathLob: `0x${'11'.repeat(20)}` } }),
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('scenario.target.libraries: has no address for library src/Summer.sol:MathLib')
    expect(r.stderr).toContain('scenario.target.libraries.MathLob: is not a library this contract links')
  })
})
