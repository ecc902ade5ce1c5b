import type { Address } from 'viem'
import type { EffectiveMining } from '../chain/mining'
import type { TestConfigInput } from '../config/schema'

/** One shard of a distributed run, as a BullMQ job's data: everything a worker needs but keys. */
export type ShardJob = {
  runId: string
  shard: number
  /** 1 for the first worker to take the shard; one more each time it is handed on after a loss. */
  attempt: number
  /** The node, as the coordinator reaches it (the workers share it). */
  rpcUrl: string
  /** The run's config without its secrets; funding is the coordinator's and already done. */
  config: TestConfigInput
  senders: number[]
  txs: Array<[number, number]>
  mining: EffectiveMining
  /**
   * The coordinator's first derived sender: a worker whose data dir holds another mnemonic would
   * send from other accounts, so it refuses the shard instead.
   */
  firstSender: Address
}

export const shardJobId = (j: Pick<ShardJob, 'runId' | 'shard' | 'attempt'>) => `${j.runId}.${j.shard}.${j.attempt}`

/** What a worker's batch in the event stream says about where it comes from. */
export type BatchSource = { shard: number; attempt: number; worker: string }
