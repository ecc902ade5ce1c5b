'use client'

import { CheckControl, type Option, SelectControl, TextControl } from './controls'
import { appliesTo, type Draft, type Mode, modes, plansOwnTxs, type Rotation } from './draft'
import type { IssueIndex } from './issues'

const modeHelp: Record<Mode, string> = {
  sequential: 'One tx at a time from the senders in turn: latency without queueing.',
  concurrent: 'Up to concurrency txs in flight, or a target rate: throughput.',
  'multi-user': 'One simulated user per account, each waiting for its last tx and a think-time.',
}

const rotationOptions: Option<Rotation>[] = [
  { value: 'round-robin', label: 'round-robin — even shares' },
  { value: 'random', label: 'random — uneven, like real traffic' },
  { value: 'least-pending', label: 'least-pending — fewest txs in flight' },
]

const notInMode = (mode: Mode) => `Not used in ${mode} mode.`

/** How much load: mode, transactions, accounts, concurrency or rate, rotation, pacing. */
export function LoadFieldset({
  draft,
  onChange,
  issues,
}: {
  draft: Draft
  onChange: (patch: Partial<Draft>) => void
  issues: IssueIndex
}) {
  const { mode } = draft
  const common = { issues }
  const ownTxs = plansOwnTxs(draft.scenario.name)
  return (
    <fieldset className="fieldset" data-testid="fieldset-parameters">
      <legend>Parameters</legend>
      <div className="segmented" role="radiogroup" aria-label="Mode">
        {modes.map((m) => (
          <label key={m} className={mode === m ? 'segment is-on' : 'segment'}>
            <input
              type="radio"
              name="mode"
              value={m}
              checked={mode === m}
              onChange={() => onChange({ mode: m })}
              data-testid={`mode-${m}`}
            />
            {m}
          </label>
        ))}
        <code className="field-name segmented-key">mode</code>
      </div>
      <p className="field-help segmented-help">{modeHelp[mode]}</p>
      <div className="fields fields-3">
        <TextControl
          {...common}
          name="txs"
          label="Transactions"
          numeric
          placeholder="100"
          disabled={ownTxs}
          value={draft.txs}
          onChange={(txs) => onChange({ txs })}
          help={
            ownTxs
              ? 'Set by the scenario (see the preview).'
              : draft.scenario.name === 'batch-operations'
                ? 'Single transfers; the batched phase moves as many.'
                : 'Planned txs; each ends in exactly one state.'
          }
        />
        <TextControl
          {...common}
          name="accounts"
          label="Accounts"
          numeric
          placeholder="10"
          value={draft.accounts}
          onChange={(accounts) => onChange({ accounts })}
          help={mode === 'multi-user' ? 'One per simulated user.' : 'Senders, derived from the install’s mnemonic.'}
        />
        <TextControl
          {...common}
          name="concurrency"
          label="Concurrency"
          numeric
          placeholder="400"
          disabled={!appliesTo.concurrency(mode)}
          value={draft.concurrency}
          onChange={(concurrency) => onChange({ concurrency })}
          help={appliesTo.concurrency(mode) ? 'Most txs in flight; a block wave with engine mining.' : notInMode(mode)}
        />
        <TextControl
          {...common}
          name="rate"
          label="Target rate (tx/s)"
          numeric
          placeholder="as fast as possible"
          disabled={!appliesTo.rate(mode)}
          value={draft.rate}
          onChange={(rate) => onChange({ rate })}
          help={appliesTo.rate(mode) ? 'Open model: send at this pace.' : notInMode(mode)}
        />
        <SelectControl
          {...common}
          name="rotation"
          label="Sender rotation"
          disabled={!appliesTo.rotation(mode)}
          value={draft.rotation}
          options={rotationOptions}
          onChange={(rotation) => onChange({ rotation })}
          help={appliesTo.rotation(mode) ? 'Who sends the next tx.' : 'Each user sends its own txs.'}
        />
        <TextControl
          {...common}
          name="delayMs"
          label={mode === 'multi-user' ? 'Think-time (ms)' : 'Delay (ms)'}
          numeric
          placeholder="0"
          disabled={!appliesTo.delayMs(mode)}
          value={draft.delayMs}
          onChange={(delayMs) => onChange({ delayMs })}
          help={appliesTo.delayMs(mode) ? 'Pause between a sender’s txs.' : notInMode(mode)}
        />
      </div>
      <CheckControl
        {...common}
        name="waitForReceipt"
        label="Wait for each receipt"
        disabled={!appliesTo.waitForReceipt(mode)}
        checked={draft.waitForReceipt}
        onChange={(waitForReceipt) => onChange({ waitForReceipt })}
        help={appliesTo.waitForReceipt(mode) ? 'Each tx is mined before the next is sent.' : notInMode(mode)}
      />
    </fieldset>
  )
}
