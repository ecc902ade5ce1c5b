import type { AccountStats } from '../metrics/account-stats'
import type { FunctionStats } from '../metrics/functions'
import type { RunReport } from '../metrics/report'
import type { ErrorGroup } from '../run-model/error-groups'
import { clip, duration, esc, eth, num } from './html-text'

/** A cell: text (escaped here) or pre-escaped HTML; `n` right-aligns a number. */
type Cell = { html: string; n?: boolean }
const text = (value: unknown): Cell => ({ html: esc(value) })
const n = (value: number | null | undefined, digits = 0): Cell => ({ html: num(value, digits), n: true })
const ms = (value: number | null | undefined): Cell => ({
  html: value === null || value === undefined ? '—' : `${num(value)} ms`,
  n: true,
})

/** Rows shown at most in a table (the CSV has them all): the file must stay small. */
export const maxTableRows = 1_000

function table(
  id: string,
  headers: readonly (string | [string, 'n'])[],
  rows: readonly Cell[][],
  total: number,
): string {
  const head = headers
    .map((h) => (Array.isArray(h) ? `<th class="n">${esc(h[0])}</th>` : `<th>${esc(h)}</th>`))
    .join('')
  const body = rows
    .map((r) => `<tr>${r.map((c) => (c.n ? `<td class="n">${c.html}</td>` : `<td>${c.html}</td>`)).join('')}</tr>`)
    .join('')
  const more =
    total > rows.length
      ? `<p class="muted small">${num(rows.length)} of ${num(total)} rows shown; the CSV report has all of them.</p>`
      : ''
  return `<div class="table-wrap"><table id="${id}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>${more}`
}

export function functionsTable(functions: readonly FunctionStats[]): string {
  if (!functions.length) return '<p class="muted">No transactions were recorded.</p>'
  const shown = functions.slice(0, maxTableRows)
  return table(
    'functions-table',
    [
      'Function',
      ['Txs', 'n'],
      ['Mined', 'n'],
      ['Reverted', 'n'],
      ['Failed', 'n'],
      ['Dropped / unconfirmed', 'n'],
      ['Cancelled', 'n'],
      ['Gas avg', 'n'],
      ['Gas p95', 'n'],
      ['Gas min – max', 'n'],
      ['Latency p50', 'n'],
      ['Latency p95', 'n'],
    ],
    shown.map((f) => [
      {
        html: `${f.label ? `<code>${esc(f.label)}</code>` : '<span class="muted">(none)</span>'}${f.role === 'gap-fill' ? ' <span class="badge neutral">engine</span>' : ''}`,
      },
      n(f.count),
      n(f.mined),
      n(f.reverted),
      n(f.failed),
      n(f.dropped + f.unconfirmed),
      n(f.cancelled),
      n(f.gas.avg, 1),
      n(f.gas.p95),
      { html: f.gas.min === null ? '—' : `${num(f.gas.min)} – ${num(f.gas.max)}`, n: true },
      ms(f.latencyMs.p50),
      ms(f.latencyMs.p95),
    ]),
    functions.length,
  )
}

export function errorsTable(errors: readonly ErrorGroup[], startedAt: number): string {
  if (!errors.length) return '<p class="muted">No failed attempts.</p>'
  const shown = errors.slice(0, maxTableRows)
  return table(
    'errors-table',
    ['Error', 'Function', ['Count', 'n'], ['Retried', 'n'], 'Hint', 'Sample', ['First', 'n'], ['Last', 'n']],
    shown.map((e) => [
      { html: `${esc(e.title)}<span class="hint mono nowrap">${esc(e.kind)}</span>` },
      { html: e.label ? `<code>${esc(e.label)}</code>` : '<span class="muted">—</span>' },
      n(e.count),
      n(e.retried),
      text(e.hint),
      { html: `<code>${esc(clip(e.sample, 300))}</code>` },
      { html: `+${duration(e.firstAt - startedAt)}`, n: true },
      { html: `+${duration(e.lastAt - startedAt)}`, n: true },
    ]),
    errors.length,
  )
}

export function accountsTable(accounts: readonly AccountStats[]): string {
  if (!accounts.length) return '<p class="muted">No sender accounts were recorded.</p>'
  const shown = accounts.slice(0, maxTableRows)
  return table(
    'accounts-table',
    [
      'Address',
      'Kind',
      ['Txs', 'n'],
      ['Mined', 'n'],
      ['Reverted', 'n'],
      ['Failed', 'n'],
      ['Cancelled', 'n'],
      ['Nonce', 'n'],
      ['Balance', 'n'],
      ['Latency p50', 'n'],
      'Last error',
    ],
    shown.map((a) => {
      const mismatch = a.onChainNonce !== null && a.expectedNonce !== null && a.onChainNonce !== a.expectedNonce
      return [
        { html: `<code>${esc(a.address)}</code>` },
        text(a.kind ?? '—'),
        n(a.txs.count),
        n(a.txs.mined),
        n(a.txs.reverted),
        n(a.txs.failed + a.txs.dropped + a.txs.unconfirmed),
        n(a.txs.cancelled),
        {
          // The chain's answer; when it is not what the run expects, both, flagged.
          html: mismatch
            ? `<span class="badge bad" title="expected ${esc(a.expectedNonce)}">${num(a.onChainNonce)} ≠ ${num(a.expectedNonce)}</span>`
            : num(a.onChainNonce ?? a.expectedNonce),
          n: true,
        },
        { html: esc(eth(a.balanceWei)), n: true },
        ms(a.txs.latencyMs.p50),
        { html: `<span class="wrap">${esc(a.lastError ?? '')}</span>` },
      ]
    }),
    accounts.length,
  )
}

/** Threshold verdicts, when the config had thresholds (read defensively: older reports have none). */
export function thresholdsTable(report: RunReport): string {
  const verdicts = report.thresholds ?? []
  return table(
    'thresholds-table',
    ['Threshold', 'Metric', 'Bound', ['Actual', 'n'], 'Verdict', 'Note'],
    verdicts.map((v) => {
      const unit = v.unit === 'ratio' ? '' : v.unit === '%' ? '%' : ` ${v.unit}`
      const verdict = v.ok === true ? 'pass' : v.ok === false ? 'fail' : 'no data'
      return [
        text(v.name),
        { html: `<code>${esc(v.metric)}</code>` },
        text(`${v.op} ${v.value}${unit}`),
        { html: v.actual === null ? '—' : esc(`${num(v.actual, 2)}${unit}`), n: true },
        { html: `<span class="badge ${v.ok === true ? 'ok' : v.ok === false ? 'bad' : 'neutral'}">${verdict}</span>` },
        text(
          [v.reason, v.abortOnFail ? 'abortOnFail' : ''].filter(Boolean).join('; ') ||
            (report.thresholdAbort?.name === v.name ? 'stopped the run' : ''),
        ),
      ]
    }),
    verdicts.length,
  )
}
