'use client'

import { formatGwei } from '../format'
import { accessListOptions, fundingOptions, miningOptions, sendPolicyOptions, txTypeOptions } from './advanced-options'
import { CheckControl, SelectControl, TextAreaControl, TextControl } from './controls'
import type { Draft } from './draft'
import type { IssueIndex } from './issues'

/** "= 2 gwei" under a wei amount, when it is one. */
function inGwei(text: string): string | undefined {
  const t = text.trim()
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(t)) return undefined
  return `= ${formatGwei(t, 4)}`
}

/**
 * Everything with a good default: gas and fees, pacing of retries and timeouts, mining, funding.
 * A native <details>: keyboard-operable, and its state survives re-renders.
 */
export function AdvancedPanel({
  draft,
  onChange,
  issues,
  open,
  onToggle,
}: {
  draft: Draft
  onChange: (patch: Partial<Draft>) => void
  issues: IssueIndex
  open: boolean
  onToggle: (open: boolean) => void
}) {
  const common = { issues }
  const extra = Object.keys(draft.extra)
  const advancedErrors = issues.all.filter((i) =>
    advancedKeys.some((k) => i.field === k || i.field.startsWith(`${k}[`)),
  ).length
  return (
    <details
      className="fieldset advanced"
      open={open}
      onToggle={(e) => onToggle(e.currentTarget.open)}
      data-testid="advanced"
    >
      <summary data-testid="advanced-toggle">
        Advanced options
        <span className="muted small"> gas and fees, retries and timeouts, mining, funding, thresholds</span>
        {advancedErrors > 0 && <span className="badge badge-bad">{advancedErrors} to fix</span>}
      </summary>

      <h3 className="group-title">Gas and fees</h3>
      <div className="fields fields-3">
        <TextControl
          {...common}
          name="gasLimit"
          label="Gas limit"
          numeric
          placeholder="per scenario"
          value={draft.gasLimit}
          onChange={(gasLimit) => onChange({ gasLimit })}
          help="Every tx’s gas limit; blank = the scenario’s own."
        />
        <TextControl
          {...common}
          name="maxFeePerGas"
          label="Max fee per gas (wei)"
          numeric
          placeholder="2 × base fee + tip"
          value={draft.maxFeePerGas}
          onChange={(maxFeePerGas) => onChange({ maxFeePerGas })}
          help={inGwei(draft.maxFeePerGas) ?? 'EIP-1559 cap; the gas price on legacy chains.'}
        />
        <TextControl
          {...common}
          name="maxPriorityFeePerGas"
          label="Tip per gas (wei)"
          numeric
          placeholder="1 gwei"
          value={draft.maxPriorityFeePerGas}
          onChange={(maxPriorityFeePerGas) => onChange({ maxPriorityFeePerGas })}
          help={inGwei(draft.maxPriorityFeePerGas) ?? 'maxPriorityFeePerGas.'}
        />
        <SelectControl
          {...common}
          name="txType"
          label="Transaction type"
          value={draft.txType}
          options={txTypeOptions}
          onChange={(txType) => onChange({ txType })}
          help="Every tx’s EIP-2718 type (docs/config.md#tx-types); a mix gives blob txs senders of their own."
        />
        {(draft.txType === 'eip2930' || draft.txType === 'all') && (
          <SelectControl
            {...common}
            name="accessList"
            label="Access lists"
            value={draft.accessList}
            options={accessListOptions}
            onChange={(accessList) => onChange({ accessList })}
            help="EIP-2930 txs: generated costs one more request per tx."
          />
        )}
        {(draft.txType === 'eip4844' || draft.txType === 'all') && (
          <TextControl
            {...common}
            name="blobs.perTx"
            label="Blobs per tx"
            numeric
            placeholder="1"
            value={draft.blobsPerTx}
            onChange={(blobsPerTx) => onChange({ blobsPerTx })}
            help="1–6 blobs of random data in each blob tx."
          />
        )}
        <TextControl
          {...common}
          name="value"
          label="Value per transfer (wei)"
          numeric
          placeholder="1"
          value={draft.value}
          onChange={(value) => onChange({ value })}
          help="ETH transfers only."
        />
        <TextControl
          {...common}
          name="to"
          label="Recipient"
          className="span-2"
          mono
          placeholder="the next account"
          value={draft.to}
          onChange={(to) => onChange({ to })}
          help="ETH transfers only; blank = each sender pays the next account."
        />
      </div>

      <h3 className="group-title">Retries and timeouts</h3>
      <div className="fields fields-3">
        <TextControl
          {...common}
          name="retries"
          label="Retries"
          numeric
          placeholder="3"
          value={draft.retries}
          onChange={(retries) => onChange({ retries })}
          help="Attempts after the first, for errors worth retrying."
        />
        <TextControl
          {...common}
          name="inclusionTimeoutMs"
          label="Inclusion timeout (ms)"
          numeric
          placeholder="60000"
          value={draft.inclusionTimeoutMs}
          onChange={(inclusionTimeoutMs) => onChange({ inclusionTimeoutMs })}
          help="No progress this long: the tx is settled as dropped."
        />
        <TextControl
          {...common}
          name="stuckAfterMs"
          label="Stuck after (ms)"
          numeric
          placeholder="10000"
          value={draft.stuckAfterMs}
          onChange={(stuckAfterMs) => onChange({ stuckAfterMs })}
          help="Pending txs and no block this long: a warning."
        />
        <TextControl
          {...common}
          name="requestTimeoutMs"
          label="Request timeout (ms)"
          numeric
          placeholder="15000"
          value={draft.requestTimeoutMs}
          onChange={(requestTimeoutMs) => onChange({ requestTimeoutMs })}
          help="One JSON-RPC request."
        />
        <TextControl
          {...common}
          name="batchSize"
          label="JSON-RPC batch size"
          numeric
          placeholder="100"
          value={draft.batchSize}
          onChange={(batchSize) => onChange({ batchSize })}
          help="Txs per batch request (http)."
        />
      </div>

      <h3 className="group-title">Node and mining</h3>
      <div className="fields fields-3">
        <SelectControl
          {...common}
          name="mining"
          label="Mining (Anvil)"
          value={draft.mining}
          options={miningOptions}
          onChange={(mining) => onChange({ mining })}
          help="Default: engine for concurrent and multi-user, automine for sequential."
        />
        <TextControl
          {...common}
          name="blockTime"
          label="Block time (s)"
          numeric
          placeholder="1"
          disabled={draft.mining !== 'interval'}
          value={draft.blockTime}
          onChange={(blockTime) => onChange({ blockTime })}
          help={draft.mining === 'interval' ? 'Seconds between blocks.' : 'With interval mining only.'}
        />
        <TextControl
          {...common}
          name="rpcUrl"
          label="Node RPC URL"
          mono
          placeholder="the embedded Anvil"
          value={draft.rpcUrl}
          onChange={(rpcUrl) => onChange({ rpcUrl })}
          help="http(s):// or ws(s)://; blank = the app’s node."
        />
        <TextAreaControl
          issues={withItemIssues(issues, 'rpcUrls')}
          name="rpcUrls"
          label="Send endpoints"
          className="span-2"
          rows={3}
          placeholder={'http://node-a:8545\nhttp://node-b:8545'}
          value={draft.rpcUrls}
          onChange={(rpcUrls) => onChange({ rpcUrls })}
          help="One URL per line: txs go to these, reads to the node above (or the first of these). docs/config.md#endpoints"
        />
        <SelectControl
          {...common}
          name="sendPolicy"
          label="Send policy"
          disabled={!draft.rpcUrls.trim()}
          value={draft.sendPolicy}
          options={sendPolicyOptions}
          onChange={(sendPolicy) => onChange({ sendPolicy })}
          help="How txs spread over the endpoints."
        />
      </div>

      <h3 className="group-title">Funding</h3>
      <div className="fields fields-3">
        <SelectControl
          {...common}
          name="funding"
          label="Funding"
          value={draft.funding}
          options={fundingOptions}
          onChange={(funding) => onChange({ funding })}
          help="How senders get ETH for their share before the run."
        />
        <CheckControl
          {...common}
          name="topUp"
          label="Top up during the run"
          className="span-2 field-check-inline"
          checked={draft.topUp}
          onChange={(topUp) => onChange({ topUp })}
          help="Refill a sender that runs low, then resend its tx."
        />
      </div>
      <h3 className="group-title">Pass/fail thresholds</h3>
      <div className="fields">
        <TextAreaControl
          issues={withItemIssues(issues, 'thresholds')}
          name="thresholds"
          label="Thresholds"
          rows={3}
          placeholder={'latency.p95 < 2000\nrate.failed < 1\ncount.reverted == 0'}
          value={draft.thresholds}
          onChange={(thresholds) => onChange({ thresholds })}
          help="One per line (metric, op, number), or a JSON list for abortOnFail and names. Badges on the run page; docs/metrics.md lists the metrics."
        />
      </div>

      {extra.length > 0 && (
        <p className="muted small" data-testid="extra-keys">
          Also set, kept as loaded (not editable here): {extra.map((k) => `${k}`).join(', ')}.
        </p>
      )}
    </details>
  )
}

/** The keys this panel shows: their errors are counted on its summary, so a closed panel still says so. */
export const advancedKeys = [
  'gasLimit',
  'maxFeePerGas',
  'maxPriorityFeePerGas',
  'txType',
  'accessList',
  'blobs.perTx',
  'value',
  'to',
  'retries',
  'inclusionTimeoutMs',
  'stuckAfterMs',
  'requestTimeoutMs',
  'batchSize',
  'mining',
  'blockTime',
  'rpcUrl',
  'rpcUrls',
  'sendPolicy',
  'funding',
  'topUp',
  'thresholds',
]

/** A list field's control shows its items' issues too (`[1].metric unknown metric …`). */
function withItemIssues(issues: IssueIndex, key: string): IssueIndex {
  const at = (field: string) =>
    field === key
      ? issues.under(key).map((i) => (i.field === key ? i.message : `${i.field.slice(key.length)} ${i.message}`))
      : issues.at(field)
  return { ...issues, at }
}
