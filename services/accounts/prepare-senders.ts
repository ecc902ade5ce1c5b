import type { Address } from 'viem'
import type { Connection } from '../chain/connection'
import type { NodeInfo } from '../chain/node-info'
import type { TestConfig } from '../config/schema'
import type { RunEventBus } from '../testing/events'
import type { FeeProvider } from '../testing/fees'
import { fundingNeeds, fundSenders, resolveFunder } from './funding'
import { resolveSenders } from './resolve-senders'
import type { Sender } from './sender'
import { createTopUp, type TopUp } from './top-up'

export type PreparedSenders = {
  senders: Sender[]
  perTx: bigint
  need: (address: Address) => bigint
  topUp: TopUp | undefined
  release(): Promise<void>
}

export type PrepareSendersParameters = {
  config: TestConfig
  conn: Connection
  node: NodeInfo
  dataDir: string
  fees: FeeProvider
  /** Worst-case wei one tx of the run can cost (gas limit × max fee + value). */
  perTx: bigint
  /** Txs the plan holds (the scenario's count). */
  planned: number
  /** Wei each sender spends on its own set-up txs before the load (a workload's approvals). */
  setupWei?: bigint
  bus: RunEventBus
  /** Engine-driven mining: how to get a block during funding and top-ups. */
  mine?: () => Promise<unknown>
  /** Only these of the resolved senders (by index): a distributed run's shard. */
  pick?: ReadonlySet<number>
}

/** Resolves the run's senders and makes sure each can pay for its share before anything is sent. */
export async function prepareSenders(p: PrepareSendersParameters): Promise<PreparedSenders> {
  const { config, conn, node, bus } = p
  const all = await resolveSenders(config, conn, node, p.dataDir)
  const resolved = p.pick ? { ...all, senders: all.senders.filter((_, i) => p.pick?.has(i)) } : all
  try {
    const perTx = p.perTx
    const needs = fundingNeeds(config, resolved.senders, perTx, p.planned).map((n) => ({
      ...n,
      need: n.need + (p.setupWei ?? 0n),
    }))
    const needOf = new Map(needs.map((n) => [n.address.toLowerCase(), n.need]))
    const funder = config.funding === 'none' ? undefined : await resolveFunder(config, conn)
    bus.emit('event', { type: 'status', at: Date.now(), status: 'funding' })
    const result = await fundSenders({
      conn,
      node,
      config,
      fees: p.fees.get(),
      needs,
      funder,
      mine: p.mine,
      onProgress: (done, total, method) => {
        if (method !== 'none-needed') bus.emit('event', { type: 'funding', at: Date.now(), done, total, method })
      },
    })
    if (result.funded)
      bus.emit('event', {
        type: 'log',
        at: Date.now(),
        message: `Funded ${result.funded} sender(s) by ${result.method === 'set-balance' ? 'anvil_setBalance' : `transfers from ${result.funder}`}.`,
      })
    const need = (a: Address) => needOf.get(a.toLowerCase()) ?? perTx
    const topUp = config.topUp
      ? createTopUp({ conn, node, config, fees: () => p.fees.get(), funder, mine: p.mine, target: need })
      : undefined
    return { senders: resolved.senders, perTx, need, topUp, release: resolved.release }
  } catch (error) {
    await resolved.release()
    throw error
  }
}
