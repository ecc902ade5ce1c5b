import type { Address, Hex } from 'viem'
import type { EffectiveMining } from '../chain/mining'
import type { NodeMining } from '../chain/node-mining'
import type { TestConfig } from '../config/schema'

/** Something about the config worth knowing before launch; `field` is the config key it is about. */
export type PreviewWarning = { code: string; message: string; field?: string }

/** JSON as it comes out of generators' samples (bigints as decimal strings). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** One of the first planned txs, as it will be sent (sender by round-robin when the rotation decides later). */
export type PreviewSample = {
  i: number
  from: Address | null
  /** null: a contract the run deploys first (`toLabel` says which). */
  to: Address | null
  toLabel: string | null
  valueWei: string
  label: string
  args: JsonValue[] | null
  calldata: Hex | null
}

export type AccountShare = {
  address: Address
  /** Planned txs this account sends (by an even split when the rotation decides at send time). */
  txs: number
  needWei: string
  balanceWei: string
  shortWei: string
}

export type SenderSource = 'mnemonic' | 'privateKeys' | 'nodeAccounts' | 'impersonate'

export type PreviewFees =
  | { type: 'eip1559'; baseFeePerGas: string; maxFeePerGas: string; maxPriorityFeePerGas: string }
  | { type: 'legacy'; gasPrice: string }

/** A workload: its deploys in order, its set-up txs and its mix (docs/scenarios.md#workload). */
export type WorkloadPreview = {
  /** In deploy order: each after the contracts it references. */
  deploys: {
    name: string
    /** false: given by address, nothing to deploy. */
    deployed: boolean
    address: Address | null
    /** The workload contracts it references (deployed before it). */
    needs: string[]
    /** The node's estimate of the deploy, with stand-in addresses for the contracts it names. */
    gas: string | null
    costWei: string | null
    /** Why there is no estimate, when there is none. */
    note: string | null
  }[]
  setup: {
    steps: { index: number; label: string; forEach: boolean; from: 'deployer' | 'sender'; txs: number }[]
    /** Contracts deployed (txs before the set-up steps). */
    deploys: number
    /** Set-up step txs in all (one per sender for a per-sender step). */
    txs: number
    note: string | null
  }
  /** Each call row's label and its expected share of the load (weight ÷ Σ weights). */
  mix: { label: string; contract: string; signature: string; weight: number; share: number }[]
  notes: string[]
}

/** What a config will send, computed against the node without sending anything (POST /api/preview). */
export type RunPreview = {
  mode: TestConfig['mode']
  planned: number
  scenario: { name: string; summary: string }
  node: {
    chainId: number
    blockNumber: string
    blockGasLimit: string
    clientVersion: string
    isAnvil: boolean
    /** A local development chain (Anvil/Hardhat chain id, or a node answering Anvil's methods): nothing real at stake. */
    devChain: boolean
    /** A known public mainnet's name (real money), else null. */
    publicMainnet: string | null
    embedded: boolean
    /** How the node mines on its own right now (`unknown`: not Anvil). */
    ownMining: NodeMining
    /** Block production during the run. */
    mining: EffectiveMining
  }
  accounts: {
    total: number
    source: SenderSource
    rotation: TestConfig['rotation']
    /** Fewest and most planned txs of one account. */
    perAccount: { min: number; max: number }
    /** Why shares may differ from the even split shown, or null when they are exact. */
    note: string | null
    /** The first accounts (up to 200), with their share and funding. */
    shares: AccountShare[]
  }
  gas: {
    /** Gas limit of each tx. */
    perTx: string
    source: 'gasLimit' | 'scenario.gas' | 'estimate' | 'scenario'
    /** Gas per tx that funding assumes (the scenario's worst case). */
    fundedPerTx: string
    note: string | null
  }
  fees: PreviewFees
  cost: {
    /** Gas limit × (base fee + tip), + value: what a tx costs at most at today's base fee. */
    perTxWei: string
    totalWei: string
    /** Gas limit × max fee, + value: the worst case funding covers. */
    perTxMaxWei: string
    totalMaxWei: string
    totalValueWei: string
  }
  funding: {
    mode: TestConfig['funding']
    /** How short senders get ETH: Anvil's setBalance, transfers from the funder, or not at all. */
    method: 'set-balance' | 'transfer' | 'none'
    needPerAccountWei: string
    totalNeedWei: string
    /** What the senders lack in total (those not checked counted as empty). */
    totalShortWei: string
    shortAccounts: number
    checkedAccounts: number
    funder: { address: Address; balanceWei: string } | null
  }
  /** Custom calls: the function and where it goes. */
  call: { signature: string; selector: Hex; target: string } | null
  /** Workloads: deploy order, set-up and mix. */
  workload: WorkloadPreview | null
  samples: PreviewSample[]
  warnings: PreviewWarning[]
}
