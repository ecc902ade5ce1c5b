'use client'

import { type Option, SelectControl, TextControl } from './controls'
import type { ScenarioChoice, ScenarioDraft } from './draft'
import type { IssueIndex } from './issues'

const scenarioOptions: Option<ScenarioChoice>[] = [
  { value: 'transfer', label: 'transfer — ETH transfers' },
  { value: 'rapid-transfer', label: 'rapid-transfer — ETH or ERC20, balances checked' },
  { value: 'concurrent-users', label: 'concurrent-users — approve + transfer journeys' },
  { value: 'batch-operations', label: 'batch-operations — batched vs single transfers' },
  { value: 'gas-limit', label: 'gas-limit — ramp across the block gas limit' },
  { value: 'tx-types', label: 'tx-types — every transaction type, receipts checked' },
  { value: 'custom-call', label: 'custom-call — any function of any contract' },
  { value: 'workload', label: 'workload — several contracts, set-up steps, a weighted mix of calls' },
]

/** The test's name and its workload: which scenario, and the scenario's own options. */
export function ScenarioFieldset({
  name,
  onName,
  scenario,
  onChange,
  issues,
}: {
  name: string
  onName: (name: string) => void
  scenario: ScenarioDraft
  onChange: (patch: Partial<ScenarioDraft>) => void
  issues: IssueIndex
}) {
  const common = { issues }
  return (
    <fieldset className="fieldset" data-testid="fieldset-workload">
      <legend>Test</legend>
      <div className="fields">
        <TextControl
          {...common}
          name="name"
          label="Name"
          className="span-2"
          placeholder="e.g. 1k transfers, 20 senders"
          value={name}
          onChange={onName}
          help="Shown in run lists; needed to save the test."
        />
        <SelectControl
          {...common}
          name="scenario.name"
          label="Scenario"
          className="span-2"
          value={scenario.name}
          options={scenarioOptions}
          onChange={(name) => onChange({ name })}
          help="What each transaction does (docs/scenarios.md)."
        />
        {scenario.name === 'rapid-transfer' && (
          <>
            <SelectControl
              {...common}
              name="scenario.token"
              label="Token"
              value={scenario.token}
              options={[
                { value: 'eth', label: 'eth — plain ETH' },
                { value: 'erc20', label: 'erc20 — a StressToken deployed for the run' },
              ]}
              onChange={(token) => onChange({ token })}
            />
            <TextControl
              {...common}
              name="scenario.amount"
              label="Amount per transfer"
              numeric
              placeholder="1"
              value={scenario.amount}
              onChange={(amount) => onChange({ amount })}
              help="Wei, or token base units."
            />
          </>
        )}
        {scenario.name === 'concurrent-users' && (
          <>
            <TextControl
              {...common}
              name="scenario.journeysPerUser"
              label="Journeys per user"
              numeric
              placeholder="1"
              value={scenario.journeysPerUser}
              onChange={(journeysPerUser) => onChange({ journeysPerUser })}
              help="Each journey: approve the next user, then transfer to them (2 txs)."
            />
            <TextControl
              {...common}
              name="scenario.amount"
              label="Amount per journey"
              numeric
              placeholder="1000"
              value={scenario.amount}
              onChange={(amount) => onChange({ amount })}
              help="Token base units."
            />
          </>
        )}
        {scenario.name === 'batch-operations' && (
          <>
            <TextControl
              {...common}
              name="scenario.opsPerTx"
              label="Transfers per batch tx"
              numeric
              placeholder="20"
              value={scenario.opsPerTx}
              onChange={(opsPerTx) => onChange({ opsPerTx })}
              help="2 – 500 transfers bundled in one batchTransfer."
            />
            <TextControl
              {...common}
              name="scenario.amount"
              label="Amount per transfer"
              numeric
              placeholder="1"
              value={scenario.amount}
              onChange={(amount) => onChange({ amount })}
              help="Token base units."
            />
          </>
        )}
        {scenario.name === 'gas-limit' && (
          <>
            <TextControl
              {...common}
              name="scenario.rampFrom"
              label="Ramp from"
              numeric
              placeholder="0.9"
              value={scenario.rampFrom}
              onChange={(rampFrom) => onChange({ rampFrom })}
              help="× the block gas limit (0 – 1)."
            />
            <TextControl
              {...common}
              name="scenario.rampTo"
              label="Ramp to"
              numeric
              placeholder="1.1"
              value={scenario.rampTo}
              onChange={(rampTo) => onChange({ rampTo })}
              help="× the block gas limit (1 – 2)."
            />
            <TextControl
              {...common}
              name="scenario.rampSteps"
              label="Ramp steps"
              numeric
              placeholder="21"
              value={scenario.rampSteps}
              onChange={(rampSteps) => onChange({ rampSteps })}
              help="Txs in the ramp."
            />
            <TextControl
              {...common}
              name="scenario.fillTxs"
              label="Fill txs"
              numeric
              placeholder="40"
              value={scenario.fillTxs}
              onChange={(fillTxs) => onChange({ fillTxs })}
              help="Txs of a quarter block each."
            />
          </>
        )}
      </div>
    </fieldset>
  )
}
