'use client'

import type { RunPreview } from '@/services/runs/preview-types'
import { formatEth, formatInt } from '../format'
import { isChainConfirmed, suggestedAnswer } from './chain-confirm'

/**
 * A chain that is not a local dev chain spends real funds: before Launch, the user reads what the
 * run costs and types the chain's id (or name) to say they mean it. A known public mainnet gets
 * the loud version. Shown only while the preview is up to date, so the cost is the one launched.
 */
export function ChainConfirmation({
  preview,
  typed,
  onType,
}: {
  preview: RunPreview
  typed: string
  onType: (text: string) => void
}) {
  const { node, cost } = preview
  const confirmed = isChainConfirmed(typed, node)
  const answer = suggestedAnswer(node)
  const loud = node.publicMainnet !== null
  return (
    <div
      className={loud ? 'chain-confirm chain-confirm-mainnet' : 'chain-confirm'}
      role="alert"
      data-testid="chain-confirm"
    >
      <p className="chain-confirm-title" data-testid="chain-confirm-title">
        {loud
          ? `${node.publicMainnet} (chain ${node.chainId}): this run spends real money.`
          : `Chain ${node.chainId} is not a local development chain: its ETH may be worth real money.`}
      </p>
      <p className="small">
        Estimated total cost <strong data-testid="chain-confirm-cost">{formatEth(cost.totalWei, 6)}</strong> at
        today&rsquo;s fees, up to <strong data-testid="chain-confirm-max">{formatEth(cost.totalMaxWei, 6)}</strong> if
        every tx pays its max fee (gas and value of all {formatInt(preview.planned)} txs).
      </p>
      <label htmlFor="chain-confirm-input" className="small">
        Type <code>{answer}</code> to confirm you mean this chain
      </label>
      <input
        id="chain-confirm-input"
        className="chain-confirm-input"
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(e) => onType(e.target.value)}
        aria-invalid={typed !== '' && !confirmed}
        data-testid="chain-confirm-input"
      />
      <p className="small" aria-live="polite" data-testid="chain-confirm-status">
        {confirmed ? '✓ Confirmed: Launch sends to this chain.' : 'Launch stays off until the chain is confirmed.'}
      </p>
    </div>
  )
}
