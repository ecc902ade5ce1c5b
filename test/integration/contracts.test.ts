import { readFileSync } from 'node:fs'
import {
  type Abi,
  type Address,
  decodeErrorResult,
  decodeEventLog,
  encodeFunctionData,
  getAddress,
  type Hex,
  hexToBigInt,
  parseEther,
  type RpcTransactionReceipt,
} from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { getCode, readContract } from 'viem/actions'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LocalSender, NodeSender, Sender } from '../../services/accounts/sender'
import { revertDataOf } from '../../services/chain/revert-data'
import type { Fees } from '../../services/chain/signer'
import { type Artifact, builtinContracts, loadBuiltinArtifact } from '../../services/contracts/artifacts'
import { compileSources } from '../../services/contracts/compile'
import { deployBuiltin, deployContract } from '../../services/contracts/deploy'
import { DeployError } from '../../services/contracts/deploy-error'
import { ConfigError } from '../../services/errors/base'
import { withTestNode } from '../helpers/anvil'
import { known, onChainNonce } from '../helpers/chain'

const testNode = withTestNode()
const node = () => testNode.node
const conn = () => testNode.node.conn

/** Anvil's first dev key: signed here, like the engine's generated accounts. */
const devKey: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const local: LocalSender = { kind: 'local', address: privateKeyToAddress(devKey), privateKey: devKey }
let unlocked: NodeSender
const fees: Fees = { type: 'eip1559', maxFeePerGas: 100_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n }

beforeAll(async () => {
  const accounts = await conn().request('eth_accounts')
  unlocked = { kind: 'node', address: getAddress(known(accounts[1], 'a second node account')), via: 'unlocked' }
})

const deploy = (name: (typeof builtinContracts)[number], from: Sender = local, args?: readonly unknown[]) =>
  deployBuiltin(name, { conn: conn(), chainId: node().info.chainId, from, fees, args })

const read = <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
  readContract(conn().client, { address, abi, functionName, args }) as Promise<T>

const deployedBytecodeOf = (name: string): Hex =>
  JSON.parse(readFileSync(new URL(`../../contracts/out/${name}.json`, import.meta.url), 'utf8')).deployedBytecode

/** A call sent as a tx by an unlocked account, with a fixed gas limit so reverting calls are mined too. */
async function sendCall(from: Address, to: Address, data: Hex, gas = 2_000_000n): Promise<RpcTransactionReceipt> {
  const hash = await conn().request('eth_sendTransaction', [{ from, to, data, gas: `0x${gas.toString(16)}` }])
  for (;;) {
    const receipt = await conn().request('eth_getTransactionReceipt', [hash])
    if (receipt) return receipt
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** The revert data of the same call made with eth_call. */
async function revertDataOfCall(from: Address, to: Address, data: Hex): Promise<Hex | undefined> {
  try {
    await conn().request('eth_call', [{ from, to, data }, 'latest'])
  } catch (error) {
    return revertDataOf(error)
  }
  throw new Error('the call did not revert')
}

describe('deploying the built-in contracts', () => {
  it('deploys each from a local key and from an unlocked account; the code on chain is the artifact', async () => {
    // The pool and the vault name other contracts (no default arguments) and keep them as immutables.
    const other = '0x00000000000000000000000000000000c0ffee01'
    const argsOf: Partial<Record<(typeof builtinContracts)[number], unknown[]>> = {
      ConstantProductPool: [other, other],
      ShareVault: [other],
    }
    for (const name of builtinContracts)
      for (const from of [local, unlocked]) {
        const before = await onChainNonce(node(), from.address)
        const { address, gasUsed, blockNumber } = await deploy(name, from, argsOf[name])
        const code = (await getCode(conn().client, { address })) as Hex
        if (argsOf[name]) {
          // Immutables are written into the runtime code at deploy: same length, the address inside.
          expect(code.length, `${name} from ${from.kind}`).toBe(deployedBytecodeOf(name).length)
          expect(code).toContain(other.slice(2))
        } else expect(code, `${name} from ${from.kind}`).toBe(deployedBytecodeOf(name))
        expect(gasUsed).toBeGreaterThan(21_000n)
        expect(blockNumber).toBeGreaterThan(0n)
        expect(await onChainNonce(node(), from.address)).toBe(before + 1)
      }
  })

  it('StressToken mints the initial supply to the deployer; batchTransfer moves the right amounts', async () => {
    const { abi } = loadBuiltinArtifact('StressToken')
    const supply = parseEther('1000')
    const { address } = await deploy('StressToken', unlocked, [supply])
    expect(await read<bigint>(address, abi, 'totalSupply')).toBe(supply)
    expect(await read<bigint>(address, abi, 'balanceOf', [unlocked.address])).toBe(supply)
    expect(await read<string>(address, abi, 'symbol')).toBe('STRESS')
    expect(await read<number>(address, abi, 'decimals')).toBe(18)

    const recipients: Address[] = [
      '0x1000000000000000000000000000000000000001',
      '0x1000000000000000000000000000000000000002',
      '0x1000000000000000000000000000000000000003',
    ]
    const amounts = [parseEther('1'), parseEther('2.5'), 7n]
    const data = encodeFunctionData({ abi, functionName: 'batchTransfer', args: [recipients, amounts] })
    const receipt = await sendCall(unlocked.address, address, data)
    expect(receipt.status).toBe('0x1')
    expect(receipt.logs).toHaveLength(3)
    for (const [i, to] of recipients.entries())
      expect(await read<bigint>(address, abi, 'balanceOf', [to])).toBe(amounts[i])
    const sent = amounts.reduce((a, b) => a + b, 0n)
    expect(await read<bigint>(address, abi, 'balanceOf', [unlocked.address])).toBe(supply - sent)

    // Mismatched lengths and overdrafts revert with the token's custom errors.
    const mismatch = encodeFunctionData({ abi, functionName: 'batchTransfer', args: [recipients, [1n]] })
    const mismatchData = await revertDataOfCall(unlocked.address, address, mismatch)
    expect(decodeErrorResult({ abi, data: mismatchData as Hex }).errorName).toBe('LengthMismatch')
    const overdraft = encodeFunctionData({ abi, functionName: 'transfer', args: [recipients[0] as Address, supply] })
    const overdraftData = await revertDataOfCall(unlocked.address, address, overdraft)
    expect(decodeErrorResult({ abi, data: overdraftData as Hex })).toMatchObject({
      errorName: 'InsufficientBalance',
      args: [unlocked.address, supply - sent, supply],
    })
  })

  it('Counter counts per caller', async () => {
    const { abi } = loadBuiltinArtifact('Counter')
    const { address } = await deploy('Counter')
    const a = local.address
    const b = unlocked.address
    await sendCall(a, address, encodeFunctionData({ abi, functionName: 'increment' }))
    await sendCall(a, address, encodeFunctionData({ abi, functionName: 'increment' }))
    const receipt = await sendCall(b, address, encodeFunctionData({ abi, functionName: 'incrementBy', args: [5n] }))
    const [log] = receipt.logs
    expect(log && decodeEventLog({ abi, ...log })).toMatchObject({
      eventName: 'Incremented',
      args: { caller: b, newCount: 7n },
    })
    expect(await read<bigint>(address, abi, 'count')).toBe(7n)
    expect(await read<bigint>(address, abi, 'countOf', [a])).toBe(2n)
    expect(await read<bigint>(address, abi, 'countOf', [b])).toBe(5n)
    await sendCall(a, address, encodeFunctionData({ abi, functionName: 'setNumber', args: [100n] }))
    expect(await read<bigint>(address, abi, 'count')).toBe(100n)
  })
})

describe('GasBurner', () => {
  const { abi } = loadBuiltinArtifact('GasBurner')
  let burner: Address
  beforeAll(async () => {
    burner = (await deploy('GasBurner')).address
  })

  it('burn(1,000,000) uses within 5% of 1M gas, tx overhead included', async () => {
    for (const target of [100_000n, 1_000_000n, 10_000_000n]) {
      const data = encodeFunctionData({ abi, functionName: 'burn', args: [target] })
      const receipt = await sendCall(local.address, burner, data, target + 100_000n)
      expect(receipt.status).toBe('0x1')
      const used = hexToBigInt(receipt.gasUsed)
      expect(used).toBeGreaterThanOrEqual(target)
      // The loop stops just past the target; the rest is the tx's fixed cost (~23k gas).
      expect(used - target).toBeLessThan(30_000n)
      if (target === 1_000_000n) expect(Number(used - target) / 1e6).toBeLessThan(0.05)
    }
  })

  it('burnAndRevert burns, then reverts with the reason', async () => {
    const data = encodeFunctionData({ abi, functionName: 'burnAndRevert', args: [200_000n, 'too hot'] })
    const receipt = await sendCall(local.address, burner, data, 500_000n)
    expect(receipt.status).toBe('0x0')
    expect(hexToBigInt(receipt.gasUsed)).toBeGreaterThan(200_000n)
    const revert = await revertDataOfCall(local.address, burner, data)
    expect(decodeErrorResult({ abi, data: revert as Hex })).toMatchObject({ errorName: 'Error', args: ['too hot'] })
  })

  it('revertWithCustomError reverts with Boom(code, caller)', async () => {
    const data = encodeFunctionData({ abi, functionName: 'revertWithCustomError', args: [42n] })
    const receipt = await sendCall(unlocked.address, burner, data, 100_000n)
    expect(receipt.status).toBe('0x0')
    const revert = await revertDataOfCall(unlocked.address, burner, data)
    expect(decodeErrorResult({ abi, data: revert as Hex })).toMatchObject({
      errorName: 'Boom',
      args: [42n, unlocked.address],
    })
  })

  it('maybeRevert reverts "unlucky" exactly when value % modulo == 0', async () => {
    const statuses: Hex[] = []
    for (let value = 0n; value < 6n; value++) {
      const data = encodeFunctionData({ abi, functionName: 'maybeRevert', args: [value, 3n] })
      statuses.push((await sendCall(local.address, burner, data, 100_000n)).status)
    }
    expect(statuses).toEqual(['0x0', '0x1', '0x1', '0x0', '0x1', '0x1'])
    const data = encodeFunctionData({ abi, functionName: 'maybeRevert', args: [9n, 3n] })
    const revert = await revertDataOfCall(local.address, burner, data)
    expect(decodeErrorResult({ abi, data: revert as Hex })).toMatchObject({ errorName: 'Error', args: ['unlucky'] })
  })
})

describe('deploy failures', () => {
  const deployArtifact = (artifact: Artifact, args?: readonly unknown[], from: Sender = local) =>
    deployContract({ conn: conn(), chainId: node().info.chainId, from, artifact, args, fees })

  /** Expects a DeployError that sent nothing: the sender's nonce is where it was. */
  async function expectRefused(run: () => Promise<unknown>, message: RegExp, from: Sender = local) {
    const before = await onChainNonce(node(), from.address, 'pending')
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(DeployError)
    expect((error as DeployError).shortMessage).toMatch(message)
    expect((error as DeployError).nonceEffect).toBe('free')
    expect((error as DeployError).hint).toBeTruthy()
    expect(await onChainNonce(node(), from.address, 'pending')).toBe(before)
  }

  it('init code that reverts (PUSH1 0 PUSH1 0 REVERT) → DeployError, nothing sent', async () => {
    const artifact: Artifact = { contractName: 'Reverter', abi: [], bytecode: '0x60006000fd' }
    await expectRefused(
      () => deployArtifact(artifact),
      /^Contract Reverter failed to deploy: reverted without a reason \(no revert data\)$/,
    )
    await expectRefused(
      () => deployArtifact(artifact, [], unlocked),
      /^Contract Reverter failed to deploy: reverted without a reason \(no revert data\)$/,
      unlocked,
    )
  })

  it('a constructor reason or custom error is decoded with the artifact ABI', async () => {
    const { artifacts } = compileSources({
      'Refuser.sol': `// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;
contract Refuser {
  error Nope(uint256 x);
  constructor(uint256 x) {
    if (x == 0) revert("zero is not allowed");
    if (x > 10) revert Nope(x);
  }
}`,
    })
    const artifact = artifacts[0] as Artifact
    await expectRefused(() => deployArtifact(artifact, [0n]), /failed to deploy: zero is not allowed$/)
    await expectRefused(() => deployArtifact(artifact, [11n]), /failed to deploy: Nope\(.*11\)$/)
    expect((await deployArtifact(artifact, [5n])).address).toMatch(/^0x[0-9a-fA-F]{40}$/)
  })

  it('bad constructor args → ConfigError on constructorArgs, nothing sent', async () => {
    const before = await onChainNonce(node(), local.address, 'pending')
    for (const args of [[], ['lots'], [1n, 2n]]) {
      const error = await deploy('StressToken', local, args).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).issues[0]?.field).toBe('constructorArgs')
    }
    expect(await onChainNonce(node(), local.address, 'pending')).toBe(before)
  })
})

describe('deploying with mining off', () => {
  it('mines between receipt polls when given mine(); times out with a hint otherwise', async () => {
    await conn().request('evm_setAutomine', [false])
    try {
      const mine = () => conn().request('evm_mine')
      const p = { conn: conn(), chainId: node().info.chainId, from: local, fees }
      const { address } = await deployBuiltin('Counter', { ...p, mine })
      expect(await getCode(conn().client, { address })).not.toBe('0x')

      const error = await deployBuiltin('Counter', { ...p, timeoutMs: 300 }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DeployError)
      expect((error as DeployError).shortMessage).toMatch(/not mined within 300 ms/)
      expect((error as DeployError).nonceEffect).toBe('unknown')
      expect((error as DeployError).hash).toMatch(/^0x[0-9a-f]{64}$/)
    } finally {
      await conn().request('evm_mine')
      await conn().request('evm_setAutomine', [true])
    }
  })
})
