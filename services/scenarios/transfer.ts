import type { Address } from 'viem'
import type { TestConfig } from '../config/schema'
import type { PlannedTx } from '../testing/tx'
import type { Scenario } from './types'

/** ETH transfers to the next account (or `to`): the default workload. */
export function* planEthTransfers(config: TestConfig): Generator<PlannedTx> {
  const to = config.to as Address | undefined
  for (let idx = 0; idx < config.txs; idx++) yield { idx, to, value: config.value, label: 'transfer' }
}

export const transferScenario: Scenario = {
  name: 'transfer',
  shape: (config) => ({ planned: config.txs, gasPerTx: config.gasLimit ?? 21_000n, valuePerTx: config.value }),
  setup: async ({ config }) => ({ plan: planEthTransfers(config) }),
}
