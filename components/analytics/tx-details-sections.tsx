import type { TxDetails } from '@/services/runs/tx-details'
import { formatGwei, formatInt, formatTime, formatWei } from '../format'
import { TxStatePill } from './tx-log-row'

/** HH:MM:SS.mmm: steps of one tx are milliseconds apart. */
function clock(ms: number | null): string {
  if (ms === null) return 'time not recorded'
  return `${formatTime(ms).slice(11)}.${String(ms % 1000).padStart(3, '0')}`
}

export function TxSummary({ d }: { d: TxDetails }) {
  const { tx } = d
  return (
    <dl className="facts tx-facts">
      <dt>State</dt>
      <dd>
        <TxStatePill state={tx.state} />
        {tx.role === 'gap-fill' && <span className="muted small"> nonce gap fill (made by the engine)</span>}
      </dd>
      <dt>Hash</dt>
      <dd className="mono">{tx.hash ?? '— (never reached the node)'}</dd>
      <dt>Account</dt>
      <dd className="mono">{tx.account || '—'}</dd>
      <dt>Nonce</dt>
      <dd>{tx.nonce ?? '—'}</dd>
      <dt>Function</dt>
      <dd>{tx.label || '—'}</dd>
      <dt>Type</dt>
      <dd>{tx.txType ?? 'default (EIP-1559, or legacy without a base fee)'}</dd>
      <dt>Attempts</dt>
      <dd>{tx.attempts}</dd>
    </dl>
  )
}

export function TxTimeline({ d }: { d: TxDetails }) {
  return (
    <ol className="tx-timeline" data-testid="tx-timeline">
      {d.timeline.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one fetched list, replaced whole, never reordered
        <li key={`${s.step}-${i}`} className={`tx-step tx-step-${s.step}`} data-step={s.step}>
          <span className="tx-step-time mono">{clock(s.at)}</span>
          <span className="tx-step-label">{s.label}</span>
          {s.detail && <span className="tx-step-detail">{s.detail}</span>}
        </li>
      ))}
    </ol>
  )
}

export function TxCall({ d }: { d: TxDetails }) {
  const call = d.call
  if (!call)
    return (
      <p className="muted small">
        {d.node.reachable ? 'The node does not hold this tx (it was never accepted, or it was dropped).' : 'Not read.'}
      </p>
    )
  return (
    <div data-testid="tx-call">
      <p className="tx-call-head">
        <strong className="mono">{call.function}</strong>
        {call.signature && <span className="muted mono small"> {call.signature}</span>}
        {call.contract && <span className="muted small"> on {call.contract}</span>}
      </p>
      {call.args.length > 0 && (
        <table className="table table-compact">
          <tbody>
            {call.args.map((a) => (
              <tr key={a.name}>
                <td>{a.name}</td>
                <td className="muted mono">{a.type}</td>
                <td className="mono tx-arg-value">{typeof a.value === 'string' ? a.value : JSON.stringify(a.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <dl className="facts">
        <dt>Value</dt>
        <dd>{formatWei(call.value)}</dd>
        {d.transaction && (
          <>
            <dt>To</dt>
            <dd className="mono">{d.transaction.to ?? '(contract creation)'}</dd>
            <dt>Gas limit</dt>
            <dd>{formatInt(d.transaction.gas)}</dd>
          </>
        )}
        {call.function === 'unknown' && call.selector && (
          <>
            <dt>Selector</dt>
            <dd className="mono">{call.selector} (not in the run’s ABI nor the built-in contracts)</dd>
          </>
        )}
      </dl>
    </div>
  )
}

export function TxReceipt({ d }: { d: TxDetails }) {
  const r = d.receipt
  if (!r)
    return (
      <p className="muted small">
        {d.node.reachable ? 'No receipt: not included (yet).' : 'Not read: the node is not reachable.'}
      </p>
    )
  return (
    <dl className="facts" data-testid="tx-receipt" data-status={r.status}>
      <dt>Status</dt>
      <dd className={r.status === 'success' ? 'text-ok' : 'text-bad'}>{r.status}</dd>
      <dt>Block</dt>
      <dd>
        {formatInt(r.blockNumber)}
        <span className="muted small"> (tx #{r.transactionIndex})</span>
      </dd>
      {r.blockTimestamp !== null && (
        <>
          <dt>Block time</dt>
          <dd>{formatTime(r.blockTimestamp)}</dd>
        </>
      )}
      <dt>Gas used</dt>
      <dd>{formatInt(r.gasUsed)}</dd>
      <dt>Effective gas price</dt>
      <dd>{r.effectiveGasPrice === null ? '—' : formatGwei(r.effectiveGasPrice)}</dd>
      <dt>Logs</dt>
      <dd>{r.logs}</dd>
    </dl>
  )
}

export function TxAttempts({ d }: { d: TxDetails }) {
  if (!d.attempts.length) return <p className="muted small">None.</p>
  return (
    <ul className="tx-attempts">
      {d.attempts.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one fetched list, replaced whole, never reordered
        <li key={`${a.at}-${i}`}>
          <span className="mono small">{clock(a.at)}</span> attempt {a.attempt ?? '?'}: <strong>{a.kind}</strong>
          {a.willRetry && <span className="muted"> (retried)</span>}
          <span className="tx-step-detail">{a.message}</span>
        </li>
      ))}
    </ul>
  )
}
