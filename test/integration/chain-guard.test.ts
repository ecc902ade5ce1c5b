import { parseEther, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { deriveAccounts } from '../../services/accounts/derive'
import { openNode } from '../../services/chain/node-handle'
import { withTestNode } from '../helpers/anvil'
import { onChainNonce } from '../helpers/chain'
import { startRpcProxy } from '../helpers/rpc-proxy'
import { freshMnemonic, startTestRun } from '../helpers/run'

// An Anvil that says it is chain 1, behind a proxy that hides every Anvil method: to the engine
// it is Ethereum mainnet.
const testNode = withTestNode(['--chain-id', '1'])
const anvilOnly = [
  'anvil_getAutomine',
  'anvil_setBalance',
  'anvil_nodeInfo',
  'web3_clientVersion',
  'anvil_impersonateAccount',
]

describe('mainnet guard', () => {
  it('refuses a chain that is not a local dev chain before anything is signed, with the worst-case cost', async () => {
    const proxy = await startRpcProxy(testNode.anvil.rpcUrl, { refuse: new Set(anvilOnly) })
    const node = await openNode({ rpcUrl: proxy.url })
    try {
      expect(node.info.isAnvil).toBe(false)
      const mnemonic = freshMnemonic()
      const report = await startTestRun(node, { txs: 10, accounts: 2, mnemonic }).session.done
      expect(report.status).toBe('failed')
      expect(report.error?.code).toBe('NOT_A_DEV_CHAIN')
      expect(report.error?.message).toMatch(/Refusing to send to Ethereum mainnet \(chain 1\).*up to [0-9.]+ ETH/)
      expect(report.error?.hint).toMatch(/allowNonDevChain/)
      expect(proxy.seen).not.toContain('eth_sendRawTransaction')
      expect(proxy.seen).not.toContain('eth_sendTransaction')
      for (const a of deriveAccounts(mnemonic, 2)) expect(await onChainNonce(testNode.node, a.address)).toBe(0)
    } finally {
      await node.close()
      await proxy.close()
    }
  })

  it('sends when the user says so explicitly', async () => {
    const proxy = await startRpcProxy(testNode.anvil.rpcUrl, { refuse: new Set(anvilOnly) })
    const node = await openNode({ rpcUrl: proxy.url })
    try {
      const mnemonic = freshMnemonic()
      for (const a of deriveAccounts(mnemonic, 2))
        await testNode.node.conn.request('anvil_setBalance', [a.address, toHex(parseEther('10'))])
      const report = await startTestRun(node, {
        txs: 10,
        accounts: 2,
        mnemonic,
        allowNonDevChain: true,
        funding: 'none',
      }).session.done
      expect(report.status).toBe('completed')
      expect(report.counts.mined).toBe(10)
    } finally {
      await node.close()
      await proxy.close()
    }
  })
})
