import { type Hex, parseEther, toHex } from 'viem'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { connect } from '../../services/chain/connection'
import { signTx, type UnsignedTx } from '../../services/chain/signer'
import { classifyError } from '../../services/errors/classify'
import { kindInfo, type TxErrorKind } from '../../services/errors/tx-error'
import { withTestNode } from '../helpers/anvil'
import { known } from '../helpers/chain'
import { startRpcProxy } from '../helpers/rpc-proxy'

const testNode = withTestNode()
const conn = () => testNode.node.conn

/** A funded throwaway key and a signer for it. */
async function account(eth = '10') {
  const key = generatePrivateKey()
  const address = privateKeyToAddress(key)
  await conn().request('anvil_setBalance', [address, toHex(parseEther(eth))])
  const base = async (): Promise<UnsignedTx> => {
    const block = known(await conn().request('eth_getBlockByNumber', ['latest', false]), 'the latest block')
    const baseFee = BigInt(known(block.baseFeePerGas, 'a base fee of the latest block'))
    return {
      chainId: testNode.node.info.chainId,
      nonce: Number(BigInt(await conn().request('eth_getTransactionCount', [address, 'pending']))),
      to: address,
      value: 1n,
      gas: 21_000n,
      fees: { type: 'eip1559', maxFeePerGas: baseFee * 2n + 1n, maxPriorityFeePerGas: 1n },
    }
  }
  const send = async (tx: UnsignedTx) => conn().request('eth_sendRawTransaction', [(await signTx(key, tx)).raw])
  return { key, address, base, send }
}

/** The failure, classified as the engine would, with its message and hint as people see them. */
async function provoke(fn: () => Promise<unknown>) {
  try {
    await fn()
  } catch (error) {
    return classifyError(error)
  }
  throw new Error('expected the node to refuse')
}

function expectKind(e: Awaited<ReturnType<typeof provoke>>, kind: TxErrorKind, raw: RegExp) {
  expect(e.kind).toBe(kind)
  expect(e.shortMessage).toBe(kindInfo[kind].title)
  expect(e.hint).toBe(kindInfo[kind].hint)
  expect(e.raw).toMatch(raw)
}

describe('every error class, provoked on a real Anvil', () => {
  it('nonce too low', async () => {
    const a = await account()
    const tx = await a.base()
    const hash = await a.send(tx)
    // Anvil answers a send before it has mined it: until the receipt is there, the same nonce
    // is a replacement (underpriced), not a nonce already used.
    while (!(await conn().request('eth_getTransactionReceipt', [hash]))) await new Promise((r) => setTimeout(r, 10))
    expectKind(await provoke(async () => a.send({ ...tx, value: 2n })), 'nonce-too-low', /nonce too low/i)
  })

  it('already known and replacement underpriced', async () => {
    await conn().request('evm_setAutomine', [false])
    try {
      const a = await account()
      const tx = await a.base()
      await a.send(tx)
      expectKind(await provoke(() => a.send(tx)), 'already-known', /already imported/i)
      expectKind(await provoke(() => a.send({ ...tx, value: 5n })), 'replacement-underpriced', /underpriced/i)
    } finally {
      await conn().request('anvil_dropAllTransactions')
      await conn().request('evm_setAutomine', [true])
    }
  })

  it('insufficient funds', async () => {
    const a = await account('0')
    expectKind(await provoke(async () => a.send(await a.base())), 'insufficient-funds', /insufficient funds/i)
  })

  it('fee below the base fee', async () => {
    const a = await account()
    const tx = await a.base()
    expectKind(
      await provoke(() => a.send({ ...tx, fees: { type: 'eip1559', maxFeePerGas: 1n, maxPriorityFeePerGas: 1n } })),
      'fee-below-base-fee',
      /base fee/i,
    )
  })

  it('intrinsic gas too low, and gas above the block limit', async () => {
    const a = await account()
    const tx = await a.base()
    expectKind(await provoke(() => a.send({ ...tx, gas: 20_000n })), 'intrinsic-gas-too-low', /intrinsic gas too low/i)
    expectKind(await provoke(() => a.send({ ...tx, gas: 100_000_000n })), 'gas-above-block-limit', /gas_limit/i)
  })

  it('signed for another chain', async () => {
    const a = await account()
    expectKind(await provoke(async () => a.send({ ...(await a.base()), chainId: 1 })), 'wrong-chain', /chain id/i)
  })

  it('a sender the node cannot sign for', async () => {
    const stranger = privateKeyToAddress(generatePrivateKey())
    expectKind(
      await provoke(() => conn().request('eth_sendTransaction', [{ from: stranger, to: stranger, value: '0x0' }])),
      'unknown-sender',
      /no signer/i,
    )
  })

  it('execution reverted (eth_call)', async () => {
    // Init code that reverts: calling "nothing" with it as data via eth_call reverts.
    expectKind(
      await provoke(() => conn().request('eth_call', [{ data: '0x60006000fd' }, 'latest'])),
      'reverted',
      /revert/i,
    )
  })

  it('a request body over the limit of the node', async () => {
    // Anvil refuses bodies over 2 MB with a JSON-RPC "Invalid request".
    const huge: Hex = `0x${'ab'.repeat(1_200_000)}`
    expectKind(
      await provoke(() => conn().request('eth_call', [{ data: huge }, 'latest'])),
      'request-too-large',
      /invalid request/i,
    )
  })

  it('timeout, connection refused, rate limited, node internal, and the unknown — through the proxy', async () => {
    const proxy = await startRpcProxy(testNode.anvil.rpcUrl)
    const slow = connect(proxy.url, { timeoutMs: 300, retries: 0 })
    const a = await account()
    const raw = (await signTx(a.key, await a.base())).raw
    const send = () => slow.request('eth_sendRawTransaction', [raw])
    try {
      proxy.rules.delayMs = 1_000
      expectKind(await provoke(send), 'timeout', /took too long|timed out/i)
      proxy.rules.delayMs = 0
      proxy.rules.httpErrorRate = 1
      proxy.rules.httpStatus = 429
      expectKind(await provoke(send), 'rate-limited', /429|too many|injected/i)
      proxy.rules.httpStatus = 503
      expectKind(await provoke(send), 'node-internal', /503|injected|HTTP/i)
      proxy.rules.httpErrorRate = 0
      proxy.rules.dropRequestRate = 1
      expectKind(await provoke(send), 'connection', /.+/)
      proxy.rules.dropRequestRate = 0
      proxy.rules.refuse = new Set(['eth_sendRawTransaction'])
      expectKind(await provoke(send), 'unknown', /method not found/i)
    } finally {
      await proxy.close()
    }
    const closed = connect('http://127.0.0.1:1', { retries: 0 })
    expectKind(await provoke(() => closed.request('eth_chainId')), 'connection', /.+/)
  })
})
