import type { FunctionSummary } from '@/services/abi/describe'
import { advancedKeys } from './advanced-panel'
import type { Draft } from './draft'

const always = ['name', 'scenario.name', 'mode', 'txs', 'accounts', 'concurrency', 'rate', 'rotation', 'delayMs']
const byScenario: Record<Draft['scenario']['name'], string[]> = {
  transfer: [],
  'rapid-transfer': ['scenario.token', 'scenario.amount'],
  'concurrent-users': ['scenario.journeysPerUser', 'scenario.amount'],
  'batch-operations': ['scenario.opsPerTx', 'scenario.amount'],
  'gas-limit': ['scenario.rampFrom', 'scenario.rampTo', 'scenario.rampSteps', 'scenario.fillTxs'],
  'tx-types': [],
  'custom-call': [
    'scenario.function',
    'scenario.args',
    'scenario.value',
    'scenario.gas',
    'scenario.seed',
    'scenario.target.builtin',
    'scenario.target.address',
    'scenario.target.abi',
    'scenario.target.artifact',
    'scenario.target.contractName',
  ],
  workload: ['scenario.seed', 'scenario.contracts', 'scenario.setup', 'scenario.calls', 'scenario.checks'],
}

/** A workload row shows every issue under its key (what no control of it shows, in its own list). */
function isWorkloadRow(field: string, draft: Draft): boolean {
  const w = draft.scenario.workload
  const contract = /^scenario\.contracts\.([^.[]*)/.exec(field)
  if (contract) return w.contracts.some((c) => c.name.trim() === contract[1])
  const row = /^scenario\.(setup|calls|checks)\[(\d+)\]/.exec(field)
  if (!row) return false
  const list = row[1] === 'setup' ? w.setup : row[1] === 'calls' ? w.calls : w.checks
  return Number(row[2]) < list.length
}

/**
 * Whether some control of the form shows errors about this field; the others are listed apart,
 * so that no error is ever hidden (e.g. `stages` loaded from a saved test).
 */
export function isRendered(field: string, draft: Draft, fn: FunctionSummary | undefined): boolean {
  if (always.includes(field) || advancedKeys.includes(field) || field === 'waitForReceipt') return true
  if (byScenario[draft.scenario.name].includes(field)) return true
  if (draft.scenario.name === 'workload') return isWorkloadRow(field, draft)
  if (draft.scenario.name !== 'custom-call') return false
  const arg = /^scenario\.args\[(\d+)\]/.exec(field)
  if (arg) return fn !== undefined && Number(arg[1]) < fn.inputs.length
  return /^scenario\.target\.constructorArgs\[\d+\]$/.test(field)
}
