import { describeNodeMining } from '@/services/chain/node-mining'
import type { RunPreview } from '@/services/runs/preview-types'
import type { ApiErrorBody } from '../api-client'
import { formatEth, formatGwei, formatInt, formatWei, shortHex } from '../format'
import { PreviewWorkload } from './preview-workload'

export type PreviewView = {
  /** The last preview received; `stale` when the form has changed since. */
  preview: RunPreview | null
  stale: boolean
  loading: boolean
  /** The form has errors: no preview is asked for until they are fixed. */
  blocked: boolean
  /** A failure that is about no field (node down, server error). */
  error: ApiErrorBody | null
}

const miningText: Record<RunPreview['node']['mining'], string> = {
  engine: 'engine (a block after each wave)',
  automine: 'automine (a block per tx)',
  interval: 'interval (a block every blockTime s)',
  node: 'left to the node',
}

function status(v: PreviewView): { text: string; tone: string } {
  if (v.blocked) return { text: 'Fix the fields marked in red', tone: 'bad' }
  if (v.loading) return { text: 'Updating…', tone: 'active' }
  if (v.error) return { text: 'Not available', tone: 'bad' }
  if (v.preview && !v.stale) return { text: 'Up to date', tone: 'ok' }
  return { text: 'Waiting for input', tone: 'idle' }
}

/** What the run will send, as computed by POST /api/preview; kept on screen (dimmed) while it updates. */
export function PreviewPanel({ view }: { view: PreviewView }) {
  const s = status(view)
  const p = view.preview
  return (
    <section className="card preview" aria-labelledby="preview-title" aria-busy={view.loading} data-testid="preview">
      <div className="preview-head">
        <h2 id="preview-title">Preview</h2>
        <span className={`badge badge-${s.tone}`} data-testid="preview-status" aria-live="polite">
          {s.text}
        </span>
      </div>
      {view.error && (
        <p className="alert alert-bad" data-testid="preview-error">
          {view.error.message}
          {view.error.hint && <span className="hint">{view.error.hint}</span>}
        </p>
      )}
      {p ? (
        <div className={view.stale || view.blocked ? 'preview-body is-stale' : 'preview-body'}>
          <PreviewBody p={p} />
        </div>
      ) : (
        <div className="preview-body preview-empty">
          <p className="muted" data-testid="preview-empty">
            {view.blocked
              ? 'Fix the fields marked in red to see what will be sent.'
              : 'The preview shows what will be sent — before anything is sent.'}
          </p>
        </div>
      )}
    </section>
  )
}

function PreviewBody({ p }: { p: RunPreview }) {
  const per = p.accounts.perAccount
  return (
    <>
      <p className="preview-summary" data-testid="preview-summary">
        {p.scenario.summary}
      </p>
      <dl className="stats">
        <div>
          <dt>Transactions</dt>
          <dd data-testid="preview-planned">{formatInt(p.planned)}</dd>
        </div>
        <div>
          <dt>Accounts</dt>
          <dd data-testid="preview-accounts">{formatInt(p.accounts.total)}</dd>
        </div>
        <div>
          <dt>Per account</dt>
          <dd data-testid="preview-per-account">
            {per.min === per.max ? formatInt(per.min) : `${formatInt(per.min)}–${formatInt(per.max)}`}
          </dd>
        </div>
        <div>
          <dt>Gas per tx</dt>
          <dd data-testid="preview-gas" title={`source: ${p.gas.source}`}>
            {formatInt(p.gas.perTx)}
          </dd>
        </div>
        <div>
          <dt>Cost now</dt>
          <dd data-testid="preview-cost" title="gas limit × (base fee + tip) + value, for every tx">
            {formatEth(p.cost.totalWei, 4)}
          </dd>
        </div>
        <div>
          <dt>To fund</dt>
          <dd data-testid="preview-funding" title="what the senders lack today for their share at the max fee">
            {formatEth(p.funding.totalShortWei, 4)}
          </dd>
        </div>
      </dl>
      {p.accounts.note && <p className="muted small">{p.accounts.note}</p>}
      {p.gas.note && <p className="muted small">{p.gas.note}</p>}

      <Warnings warnings={p.warnings} />

      {p.workload && <PreviewWorkload w={p.workload} />}

      <h3>First transactions</h3>
      <Samples p={p} />

      <h3>Funding</h3>
      <Funding p={p} />

      <h3>Accounts</h3>
      <Accounts p={p} />

      <h3>Node and fees</h3>
      <dl className="facts small">
        <dt>Node</dt>
        <dd>
          {p.node.clientVersion} · chain {p.node.chainId} · block {p.node.blockNumber}
        </dd>
        <dt>Mining</dt>
        <dd data-testid="preview-mining">{miningText[p.node.mining]}</dd>
        <dt>Node’s own mining</dt>
        <dd data-testid="preview-own-mining">The node {describeNodeMining(p.node.ownMining)}.</dd>
        <dt>Block gas limit</dt>
        <dd>{formatInt(p.node.blockGasLimit)}</dd>
        {p.fees.type === 'eip1559' ? (
          <>
            <dt>Fees</dt>
            <dd>
              base {formatGwei(p.fees.baseFeePerGas)} · max {formatGwei(p.fees.maxFeePerGas)} · tip{' '}
              {formatGwei(p.fees.maxPriorityFeePerGas)}
            </dd>
          </>
        ) : (
          <>
            <dt>Gas price</dt>
            <dd>{formatGwei(p.fees.gasPrice)}</dd>
          </>
        )}
        <dt>Worst case</dt>
        <dd>
          {formatEth(p.cost.totalMaxWei, 4)} <span className="muted">(gas limit × max fee + value)</span>
        </dd>
      </dl>
    </>
  )
}

function Warnings({ warnings }: { warnings: RunPreview['warnings'] }) {
  if (!warnings.length)
    return (
      <p className="preview-ok small" data-testid="preview-no-warnings">
        No warnings.
      </p>
    )
  return (
    <ul className="warnings" data-testid="preview-warnings">
      {warnings.map((w) => (
        <li key={w.code} className="warning" data-testid={`preview-warning-${w.code}`}>
          {w.message}
          {w.field && <code className="field-name">{w.field}</code>}
        </li>
      ))}
    </ul>
  )
}

function Samples({ p }: { p: RunPreview }) {
  if (!p.samples.length)
    return <p className="muted small">This scenario builds its txs once its contracts are deployed.</p>
  return (
    <ol className="samples" data-testid="preview-samples">
      {p.samples.map((s) => (
        <li key={s.i} className="sample" data-testid={`preview-sample-${s.i}`}>
          <div className="sample-route mono">
            <span className="sample-i">#{s.i}</span>
            <span title={s.from ?? ''}>{s.from ? shortHex(s.from, 4) : '—'}</span>
            <span aria-hidden="true">→</span>
            <span className="sr-only">to</span>
            <span title={s.to ?? s.toLabel ?? ''}>{s.to ? shortHex(s.to, 4) : (s.toLabel ?? 'the next account')}</span>
            {s.valueWei !== '0' && <span className="sample-value">{formatWei(s.valueWei)}</span>}
          </div>
          {s.args && (
            <div className="sample-call mono" data-testid={`preview-sample-${s.i}-args`}>
              {s.label.split('(')[0]}({s.args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(', ')})
            </div>
          )}
          {s.calldata && (
            <div className="calldata mono" title={s.calldata}>
              {shortHex(s.calldata, 14)}
            </div>
          )}
        </li>
      ))}
    </ol>
  )
}

function Funding({ p }: { p: RunPreview }) {
  const f = p.funding
  const how: Record<RunPreview['funding']['method'], string> = {
    'set-balance': 'Anvil sets the balances of short senders (nothing is sent).',
    transfer: 'The funder sends each short sender its need + 10%.',
    none: 'No funding: a sender that cannot pay stops the run.',
  }
  return (
    <dl className="facts small">
      <dt>Need per account</dt>
      <dd>{formatEth(f.needPerAccountWei)}</dd>
      <dt>Short today</dt>
      <dd>
        {formatInt(f.shortAccounts)} of {formatInt(p.accounts.total)} account(s), {formatEth(f.totalShortWei)}
        {f.checkedAccounts < p.accounts.total && (
          <span className="muted"> (balances of the first {f.checkedAccounts} read; the rest counted as empty)</span>
        )}
      </dd>
      <dt>How</dt>
      <dd>{how[f.method]}</dd>
      {f.funder && (
        <>
          <dt>Funder</dt>
          <dd>
            <span className="mono" title={f.funder.address}>
              {shortHex(f.funder.address, 4)}
            </span>{' '}
            holds {formatEth(f.funder.balanceWei, 4)}
          </dd>
        </>
      )}
    </dl>
  )
}

const shownAccounts = 8

function Accounts({ p }: { p: RunPreview }) {
  const rows = p.accounts.shares.slice(0, shownAccounts)
  const more = p.accounts.total - rows.length
  return (
    <div className="table-wrap">
      <table className="table table-compact" data-testid="preview-account-table">
        <thead>
          <tr>
            <th>Address</th>
            <th className="num">Txs</th>
            <th className="num">Balance</th>
            <th className="num">Short</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.address}>
              <td className="mono" title={a.address}>
                {shortHex(a.address, 5)}
              </td>
              <td className="num">{formatInt(a.txs)}</td>
              <td className="num nowrap">{formatEth(a.balanceWei, 3)}</td>
              <td className={`num nowrap${a.shortWei !== '0' ? ' text-warn' : ''}`}>
                {a.shortWei === '0' ? '—' : formatEth(a.shortWei, 4)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 && <p className="table-foot muted small">… and {formatInt(more)} more</p>}
    </div>
  )
}
