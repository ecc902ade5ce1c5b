import type { TestConfig } from '../config/schema'
import type { PlannedTx } from '../testing/tx'
import { batchOperationsScenario } from './batch-operations'
import { concurrentUsersScenario } from './concurrent-users'
import { customCallScenario } from './custom-call'
import { gasLimitScenario } from './gas-limit'
import { rapidTransferScenario } from './rapid-transfer'
import { transferScenario } from './transfer'
import { txTypesScenario } from './tx-types'
import type { Scenario } from './types'
import { workloadScenario } from './workload/workload'

const scenarios: Record<string, Scenario> = {
  transfer: transferScenario,
  'rapid-transfer': rapidTransferScenario,
  'concurrent-users': concurrentUsersScenario,
  'batch-operations': batchOperationsScenario,
  'gas-limit': gasLimitScenario,
  'custom-call': customCallScenario,
  workload: workloadScenario,
  'tx-types': txTypesScenario,
}

/** The scenario a config asks for (default: ETH transfers). */
export function scenarioFor(config: TestConfig): Scenario {
  const name = config.scenario?.name ?? 'transfer'
  const scenario = scenarios[name]
  if (!scenario) throw new Error(`scenario ${name} is not registered`)
  return scenario
}

/** A ready-made plan as a scenario (tests and embedders that build their own txs). */
export function planScenario(plan: Iterable<PlannedTx>): Scenario {
  return {
    name: 'custom-plan',
    shape: (config) => ({ planned: config.txs, gasPerTx: config.gasLimit ?? 21_000n, valuePerTx: config.value }),
    setup: async () => ({ plan }),
  }
}
