import { nodeMiningLabel } from '../chain/node-mining'
import { shareableConfig } from '../config/parse'
import { kindInfo, type TxErrorKind } from '../errors/tx-error'
import type { BlockPoint, Marker, SeriesPoint } from '../live/frames'
import type { AccountStats } from '../metrics/account-stats'
import type { ToolEnvironment } from '../metrics/environment'
import { limitLabels } from '../metrics/limit'
import type { RunReport } from '../metrics/report'
import { successPct } from '../run-model/counts'
import { reportCharts } from './html-charts'
import { reportCss } from './html-style'
import { accountsTable, errorsTable, functionsTable, thresholdsTable } from './html-tables'
import { clip, duration, esc, num } from './html-text'

export type HtmlReportInput = {
  report: RunReport
  series: readonly SeriesPoint[]
  blocks: readonly BlockPoint[]
  markers: readonly Marker[]
  accounts: readonly AccountStats[]
  /** When and by what the file was made (the footer); absent in tests that want stable output. */
  generated?: { at: string; by: ToolEnvironment }
}

/**
 * No request may leave the file: nothing but inline styles and the page itself. Browsers enforce
 * it, so a report opened from a mail or an archive cannot call home even if a value slipped by.
 */
const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

const statusClass: Record<string, string> = { completed: 'ok', stopped: 'warn', failed: 'bad', interrupted: 'bad' }

function section(id: string, title: string, body: string, note = ''): string {
  return `<section id="${id}"><h2>${esc(title)}${note ? ` <span class="muted small">${esc(note)}</span>` : ''}</h2>${body}</section>`
}

function tile(label: string, value: string, sub = ''): string {
  return `<div class="tile"><div class="label">${esc(label)}</div><div class="value">${value}</div>${sub ? `<div class="sub">${sub}</div>` : ''}</div>`
}

/** The config as shown: secrets can never be in it (the stored config is public), and a URL loses its path. */
function shownConfig(config: RunReport['config']): string {
  const { mnemonic: _m, privateKeys: _k, funderKey: _f, ...rest } = shareableConfig(config) as Record<string, unknown>
  // An artifact's bytecode can be 100 KB of hex: cut long strings, the JSON report has them whole.
  return JSON.stringify(rest, (_k, v) => (typeof v === 'string' ? clip(v, 400) : v), 2)
}

function headline(r: RunReport): string {
  const c = r.counts
  const success = successPct(c)
  const ms = (v: number | null) => (v === null ? '—' : `${num(v)} ms`)
  return `<div class="tiles">${[
    tile('Planned', num(c.planned)),
    tile('Mined', num(c.mined)),
    tile('Reverted', num(c.reverted)),
    tile('Failed', num(c.failed)),
    tile('Dropped', num(c.dropped)),
    tile('Cancelled', num(c.cancelled)),
    ...(c.unconfirmed ? [tile('Unconfirmed', num(c.unconfirmed), 'sent; the chain cannot tell their fate')] : []),
    tile('Success', success === null ? '—' : `${num(success, 2)}%`, 'of the txs that ended (cancelled aside)'),
    tile('Sent rate', `${num(r.throughput.sentPerSec, 1)} tx/s`),
    tile('Mined rate', `${num(r.throughput.minedPerSec, 1)} tx/s`),
    tile('Latency p50', ms(r.latencyMs.p50), `p95 ${ms(r.latencyMs.p95)} · p99 ${ms(r.latencyMs.p99)}`),
    tile('Submit RTT p50', ms(r.submitRttMs.p50), `p95 ${ms(r.submitRttMs.p95)} · p99 ${ms(r.submitRttMs.p99)}`),
    tile('Duration', esc(duration(r.durationMs))),
    ...(r.limit ? [tile('Limited by', esc(limitLabels[r.limit.by]), esc(r.limit.because))] : []),
    tile(
      'Blocks',
      num(r.blocks.count),
      `avg fullness ${r.blocks.avgFullness === null ? '—' : `${num(r.blocks.avgFullness * 100, 1)}%`}`,
    ),
    tile('Gap fills', num(r.gapFills), 'nonce holes filled by the engine'),
    tile(
      'Accounting',
      r.invariantHolds ? '<span class="badge ok">✓ holds</span>' : '<span class="badge bad">mismatch</span>',
      'every planned tx ended exactly once',
    ),
  ].join('')}</div>`
}

function environment(r: RunReport): string {
  const env = r.environment
  const rows: [string, string][] = [
    ['Node client', r.node.clientVersion],
    ['Chain id', String(r.node.chainId)],
    ['Mining', r.node.mining],
    ["Node's own mining", nodeMiningLabel(r.node.ownMining)],
    ['RPC URL', r.node.embedded ? `${r.node.rpcUrl} (embedded Anvil)` : r.node.rpcUrl],
    ['evm-stress', env?.evmStress ?? 'unknown'],
    ['Node.js', env?.node ?? 'unknown'],
    ['Platform', env?.platform ?? 'unknown'],
  ]
  return `<dl class="env">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd class="mono">${esc(v)}</dd>`).join('')}</dl>`
}

function scenario(r: RunReport): string {
  const s = r.scenario
  if (!s) return ''
  const contracts = Object.entries(s.contracts)
  const checks = s.checks.length
    ? `<div class="table-wrap"><table id="checks-table"><thead><tr><th>Check</th><th>Result</th><th>Expected</th><th>Actual</th></tr></thead><tbody>${s.checks
        .map(
          (c) =>
            `<tr><td>${esc(c.name)}</td><td><span class="badge ${c.ok ? 'ok' : 'bad'}">${c.ok ? 'ok' : 'failed'}</span></td><td><code>${esc(clip(c.expected, 200))}</code></td><td><code>${esc(clip(c.actual, 200))}</code></td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : ''
  const findings = Object.keys(s.findings).length
    ? `<p class="small muted">Findings</p><pre>${esc(JSON.stringify(s.findings, null, 2))}</pre>`
    : ''
  const list = contracts.length
    ? `<ul class="plain">${contracts.map(([name, address]) => `<li>${esc(name)}: <code>${esc(address)}</code></li>`).join('')}</ul>`
    : ''
  return section('scenario', `Scenario: ${s.name}`, `${list}${checks}${findings}`)
}

function warnings(r: RunReport, start: number): string {
  if (!r.warnings.length) return ''
  const shown = r.warnings.slice(0, 200)
  return section(
    'warnings',
    'Warnings',
    `<ul class="plain">${shown
      .map(
        (w) =>
          `<li><span class="mono small">+${esc(duration(w.at - start))}</span> <strong>${esc(w.code)}</strong> ${esc(w.message)}${w.hint ? `<span class="hint"> → ${esc(w.hint)}</span>` : ''}</li>`,
      )
      .join(
        '',
      )}</ul>${r.warnings.length > shown.length ? `<p class="muted small">${num(r.warnings.length - shown.length)} more in the JSON report.</p>` : ''}`,
  )
}

function timeline(markers: readonly Marker[], start: number): string {
  if (!markers.length) return ''
  const shown = markers.slice(0, 100)
  return section(
    'timeline',
    'Timeline',
    `<ul class="plain">${shown
      .map(
        (m) =>
          `<li><span class="mono small">+${esc(duration(m.at - start))}</span> ${esc(m.kind)}: ${esc(m.label)}</li>`,
      )
      .join('')}</ul>`,
    'the dashed lines on the charts',
  )
}

function verdicts(r: RunReport): string {
  if (!r.thresholds?.length) return ''
  const badge = r.thresholdsOk
    ? '<span class="badge ok">all thresholds hold</span>'
    : '<span class="badge bad">thresholds failed</span>'
  const abort = r.thresholdAbort
    ? `<p class="alert bad">Stopped by <strong>${esc(r.thresholdAbort.name)}</strong> (abortOnFail).</p>`
    : ''
  return section('thresholds', 'Thresholds', `<p>${badge}</p>${thresholdsTable(r)}${abort}`)
}

/**
 * The run as one self-contained HTML file: inline CSS and SVG, no script, no external URL, every
 * value escaped. Per-tx rows stay out (the CSV has them), so a 100k-tx run opens at once.
 */
export function reportHtml(input: HtmlReportInput): string {
  const r = input.report
  const start = Date.parse(r.startedAt)
  const end = Math.max(Date.parse(r.endedAt), start + 1)
  // The charts span the run and every point of it (a series point starts at its whole second,
  // which may be before the run's start).
  const xs = [start, end, input.series[0]?.t, input.series.at(-1)?.t, input.blocks[0]?.at, input.blocks.at(-1)?.at]
  const known = xs.filter((x): x is number => x !== undefined && Number.isFinite(x))
  const domain: [number, number] = [Math.min(...known), Math.max(...known)]
  const title = r.name ? `${r.name} — ${r.runId.slice(0, 8)}` : `Run ${r.runId.slice(0, 8)}`
  const errorTitles = new Map(r.errors.map((e) => [e.kind as string, e.title]))
  for (const p of input.series)
    for (const kind of Object.keys(p.errors))
      if (!errorTitles.has(kind)) errorTitles.set(kind, kindInfo[kind as TxErrorKind]?.title ?? kind)
  const runError = r.error
    ? `<p class="alert bad"><strong>${esc(r.error.code)}</strong> ${esc(r.error.message)}${r.error.hint ? `<span class="hint"> → ${esc(r.error.hint)}</span>` : ''}</p>`
    : ''
  const footer = input.generated
    ? `Generated ${esc(input.generated.at)} by evm-stress ${esc(input.generated.by.evmStress)} (Node.js ${esc(input.generated.by.node)}). `
    : ''

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(`evm-stress report: ${title}`)}</title>
<style>${reportCss}</style></head>
<body><main data-run-id="${esc(r.runId)}">
<header class="top"><div><h1>${esc(title)} <span class="badge ${statusClass[r.status] ?? 'neutral'}" id="run-status">${esc(r.status)}</span></h1>
<p class="muted mono small">${esc(r.runId)}</p>
<p class="muted small">${esc(r.startedAt)} → ${esc(r.endedAt)} · ${esc(duration(r.durationMs))} · ${esc(r.config.mode ?? '')} mode · ${esc(r.node.clientVersion)} (chain ${esc(r.node.chainId)})</p></div>
<div class="muted small">evm-stress report</div></header>
${runError}
${verdicts(r)}
${section('headline', 'Headline numbers', headline(r))}
${section('charts', 'Charts', `<div class="charts">${reportCharts({ series: input.series, blocks: input.blocks, markers: input.markers, domain, errorTitles })}</div>`)}
${section('functions', 'Per function', functionsTable(r.functions ?? []), 'gas used by included txs; latency as above')}
${section('errors', 'Errors', errorsTable(r.errors, start), 'failed attempts grouped by kind and function')}
${section('accounts', 'Per account', accountsTable(input.accounts), 'its stored txs (failed = failed + dropped) and its nonce on chain after the run')}
${scenario(r)}
${warnings(r, start)}
${timeline(input.markers, start)}
${section('environment', 'Environment', environment(r))}
${section('config', 'Config', `<pre id="config-json">${esc(shownConfig(r.config))}</pre>`, 'as the run took it, defaults filled; no keys or mnemonic')}
<footer>${footer}Self-contained: no scripts, no network. Per-tx rows are in the CSV report (report.csv, or --report-csv).</footer>
</main></body></html>
`
}
