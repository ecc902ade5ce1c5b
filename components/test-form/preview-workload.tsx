import type { WorkloadPreview } from '@/services/runs/preview-types'
import { formatEth, formatInt } from '../format'

const pct = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)} %`

/** A workload's preview: deploy order (with estimated gas and cost), the set-up txs, and the mix's shares. */
export function PreviewWorkload({ w }: { w: WorkloadPreview }) {
  return (
    <>
      <h3>Deploy order</h3>
      <ol className="deploy-order small" data-testid="preview-deploy-order">
        {w.deploys.map((d) => (
          <li key={d.name} data-testid={`preview-deploy-${d.name}`} data-name={d.name}>
            <strong className="mono">{d.name}</strong>
            {d.needs.length > 0 && <span className="muted"> after {d.needs.join(', ')}</span>}
            <span className="deploy-gas">
              {d.gas !== null ? (
                <>
                  {formatInt(d.gas)} gas{d.costWei !== null && ` · ${formatEth(d.costWei, 5)}`}
                </>
              ) : (
                <span className="muted">{d.note ?? 'not estimated'}</span>
              )}
            </span>
          </li>
        ))}
      </ol>

      <h3>Set-up</h3>
      <p className="small" data-testid="preview-setup-total">
        {formatInt(w.setup.deploys)} deploy(s), then {formatInt(w.setup.txs)} set-up tx(s) before the load.
      </p>
      {w.setup.steps.length > 0 && (
        <div className="table-wrap">
          <table className="table table-compact" data-testid="preview-setup">
            <thead>
              <tr>
                <th>Step</th>
                <th>How often</th>
                <th className="num">Txs</th>
              </tr>
            </thead>
            <tbody>
              {w.setup.steps.map((s) => (
                <tr key={s.index}>
                  <td className="mono">
                    {s.index + 1}. {s.label}
                  </td>
                  <td>
                    {s.forEach
                      ? `each sender, from ${s.from === 'sender' ? 'itself' : 'the deployer'}`
                      : `once, from the ${s.from}`}
                  </td>
                  <td className="num">{formatInt(s.txs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {w.setup.note && <p className="muted small">{w.setup.note}</p>}

      <h3>Mix</h3>
      <div className="table-wrap">
        <table className="table table-compact" data-testid="preview-mix">
          <thead>
            <tr>
              <th>Call</th>
              <th className="num">Weight</th>
              <th className="num">Share</th>
            </tr>
          </thead>
          <tbody>
            {w.mix.map((m, i) => (
              <tr key={m.label} data-testid={`preview-mix-${i}`} data-label={m.label}>
                <td className="mono" title={`${m.contract}.${m.signature}`}>
                  {m.label}
                </td>
                <td className="num">{m.weight}</td>
                <td className="num" data-testid={`preview-mix-${i}-share`}>
                  {pct(m.share)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {w.notes.map((n) => (
        <p key={n} className="muted small">
          {n}
        </p>
      ))}
    </>
  )
}
