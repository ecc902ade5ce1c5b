import type { CompareRow } from '@/services/runs/metric-deltas'
import { deltaAttr, formatDelta, formatValue } from './compare-format'

const verdictText = { better: 'better', worse: 'worse', same: 'same' } as const

/** Run vs baseline, metric by metric: green is better, red is worse, grey is within tolerance. */
export function CompareTable({ rows, tolerancePct }: { rows: readonly CompareRow[]; tolerancePct: number }) {
  return (
    <div className="table-wrap">
      <table className="table compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th>Metric</th>
            <th className="num">Baseline</th>
            <th className="num">This run</th>
            <th className="num">Δ</th>
            <th title={`Within ±${tolerancePct} % counts as the same`}>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const verdict = row.verdict ?? 'none'
            return (
              <tr
                key={row.metric}
                className={`compare-row verdict-${verdict}`}
                data-testid="compare-row"
                data-metric={row.metric}
                data-verdict={verdict}
                data-delta={deltaAttr(row)}
              >
                <td>
                  {row.label}
                  {row.better && (
                    <span className="muted small compare-direction">
                      {row.better === 'higher' ? ' ↑ higher is better' : ' ↓ lower is better'}
                    </span>
                  )}
                </td>
                <td className="num">{formatValue(row, row.base)}</td>
                <td className="num">{formatValue(row, row.run)}</td>
                <td className="num compare-delta">{formatDelta(row)}</td>
                <td className="compare-verdict">{row.verdict ? verdictText[row.verdict] : '—'}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
