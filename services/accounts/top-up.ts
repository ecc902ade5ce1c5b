import { type Address, toHex } from 'viem'
import type { Connection } from '../chain/connection'
import type { NodeInfo } from '../chain/node-info'
import type { Fees } from '../chain/signer'
import type { TestConfig } from '../config/schema'
import { sendBatch } from './send-batch'
import type { Sender } from './sender'

export type TopUpParameters = {
  conn: Connection
  node: NodeInfo
  config: TestConfig
  fees: () => Fees
  funder: Sender | undefined
  mine?: () => Promise<unknown>
  /** The balance an account is brought back to. */
  target: (address: Address) => bigint
}

/**
 * Brings the account back to its target balance (nothing to do when it has it); a second call
 * while one is under way shares it. Rejects when it cannot (no funder). See createTopUp.
 */
export type TopUp = (address: Address) => Promise<void>

/**
 * Refills one sender during a run: setBalance on Anvil, else a transfer from the funder. Calls
 * are serialised (one funder, one nonce sequence) and a second call for the same account while
 * one is under way shares it.
 */
export function createTopUp(p: TopUpParameters): TopUp {
  let chain: Promise<unknown> = Promise.resolve()
  const inProgress = new Map<string, Promise<void>>()
  let cheatCodes = p.node.isAnvil && p.config.funding === 'auto'

  async function refill(address: Address) {
    const target = p.target(address)
    const balance = BigInt(await p.conn.request('eth_getBalance', [address, 'latest']))
    if (balance >= target) return
    if (cheatCodes) {
      const ok = await p.conn.request('anvil_setBalance', [address, toHex(target)]).then(
        () => true,
        () => false,
      )
      if (ok) return
      cheatCodes = false
    }
    if (!p.funder) throw new Error(`no funder to top up ${address}: set funderKey`)
    await sendBatch({
      conn: p.conn,
      node: p.node,
      from: p.funder,
      txs: [{ to: address, value: target - balance }],
      fees: p.fees(),
      mine: p.mine,
      timeoutMs: p.config.inclusionTimeoutMs,
    })
  }

  return (address: Address): Promise<void> => {
    const key = address.toLowerCase()
    const running = inProgress.get(key)
    if (running) return running
    const job = chain.then(() => refill(address)).finally(() => inProgress.delete(key))
    chain = job.catch(() => undefined)
    inProgress.set(key, job)
    return job
  }
}
