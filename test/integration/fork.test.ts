import { type Address, hexToBigInt, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { formatSummary } from '../../cli/summary'
import type { RpcRequest } from '../../services/chain/connection'
import { openNode } from '../../services/chain/node-handle'
import { parseTestConfig } from '../../services/config/parse'
import { ConfigError } from '../../services/errors/base'
import { nodeParametersFor } from '../../services/runs/node-for-config'
import { withTestNode } from '../helpers/anvil'
import { expectReportEqualsChain, onChainNonce, receiptOf } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'

// The chain being forked: an Anvil with Ethereum mainnet's chain id, standing in for a remote one.
const origin = withTestNode(['--chain-id', '1'])
const marker: Address = '0x00000000000000000000000000000000000f0c4e'

const balanceAt = async (rpc: { request: RpcRequest }, address: Address) =>
  hexToBigInt(await rpc.request('eth_getBalance', [address, 'latest']))

describe('forkUrl: the embedded Anvil as a local fork', () => {
  it('forks the chain at forkBlock, sends only to the fork, and says so in the report and summary', async () => {
    const { conn } = origin.node
    // Transfers, each mined in its block (anvil_setBalance is not kept per block by Anvil).
    const [dev] = await conn.request('eth_accounts')
    // Anvil answers a send before it has mined it: the block is the receipt's, once there is one.
    const pay = async (wei: bigint) => {
      const hash = await conn.request('eth_sendTransaction', [{ from: dev, to: marker, value: toHex(wei) }])
      for (;;) {
        const receipt = await receiptOf(origin.node, hash)
        if (receipt) return Number(hexToBigInt(receipt.blockNumber))
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    const forkBlock = await pay(7n)
    await pay(2n) // past the fork block: the fork must not see it
    const originHead = await conn.request('eth_blockNumber')

    const input = {
      forkUrl: origin.anvil.rpcUrl,
      forkBlock,
      txs: 300,
      accounts: 5,
      mining: 'engine',
      mnemonic: freshMnemonic(),
    } as const
    const node = await openNode(nodeParametersFor(parseTestConfig(input)))
    try {
      expect(node.embedded).toBe(true)
      expect(node.info.chainId).toBe(1)
      expect(node.info.fork).toEqual({ url: origin.anvil.rpcUrl, block: forkBlock })
      expect(await balanceAt(node.conn, marker)).toBe(7n)

      // Chain id 1 on a local Anvil needs no allowNonDevChain: it is not mainnet.
      const { session } = startTestRun(node, input)
      const report = await session.done
      expect(report.status).toBe('completed')
      expect(report.counts.mined).toBe(300)
      expect(report.node.fork).toEqual({ url: origin.anvil.rpcUrl, block: forkBlock })
      expect(formatSummary(report)).toContain(
        `a local Anvil fork of ${origin.anvil.rpcUrl} at block ${forkBlock}: the txs went to the fork, not to Ethereum mainnet`,
      )
      await expectReportEqualsChain(node, report)
      // The chain it forked saw nothing: same head, senders' nonces untouched.
      expect(await conn.request('eth_blockNumber')).toBe(originHead)
      for (const a of report.accounts) {
        expect(a.expectedNonce).toBeGreaterThan(0)
        expect(await onChainNonce(origin.node, a.address)).toBe(0)
      }
      expect(await balanceAt(conn, marker)).toBe(9n)
    } finally {
      await node.close()
    }
  })

  it('an origin that cannot be forked is bad input naming forkUrl, with Anvil’s reason', async () => {
    const past = parseTestConfig({ forkUrl: origin.anvil.rpcUrl, forkBlock: 1_000_000 })
    const error = await openNode(nodeParametersFor(past)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).shortMessage).toMatch(
      new RegExp(`^forkUrl: the embedded Anvil could not fork ${origin.anvil.rpcUrl} at block 1000000: .*1000000`),
    )
    // A key in the URL's path never reaches the message.
    const keyed = parseTestConfig({ forkUrl: 'http://127.0.0.1:1/v3/s3cr3tkey' })
    const refused = (await openNode(nodeParametersFor(keyed)).catch((e: unknown) => e)) as ConfigError
    expect(refused).toBeInstanceOf(ConfigError)
    expect(refused.shortMessage).toMatch(/^forkUrl: the embedded Anvil could not fork http:\/\/127\.0\.0\.1:1\/…: /)
    expect(refused.message).not.toContain('s3cr3tkey')
  })

  it.each([
    [{ forkUrl: 'http://127.0.0.1:8545', rpcUrl: 'http://127.0.0.1:8546' }, 'forkUrl', /leave rpcUrl out/],
    [{ forkBlock: 5 }, 'forkBlock', /needs forkUrl/],
    [{ forkUrl: 'localhost:8545' }, 'forkUrl', /http/],
  ])('config %j → %s named', (input, field, message) => {
    const error = (() => {
      try {
        parseTestConfig(input)
      } catch (e) {
        return e as ConfigError
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    const issue = error?.issues.find((i) => i.field === field)
    expect(issue?.message).toMatch(message)
  })
})
