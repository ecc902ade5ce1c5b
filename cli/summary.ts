import { publicMainnetName } from '../services/chain/chain-guard'
import { nodeMiningLabel } from '../services/chain/node-mining'
import { limitLabels } from '../services/metrics/limit'
import { nonceMismatches, type RunReport } from '../services/metrics/report'
import { terminalTotal } from '../services/run-model/counts'
import { thresholdLines } from './threshold-lines'

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`)

/** An error group's sample fits one terminal line; the JSON report keeps it whole. */
export const sampleWidth = 120

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > sampleWidth ? `${flat.slice(0, sampleWidth - 1)}…` : flat
}

/**
 * A local Anvil may carry a public chain's id (a fork of it, or `--chain-id 1`): say that the
 * txs went to the local node, so a mainnet id in the summary alarms nobody and misleads nobody.
 */
function localChainRows(r: RunReport): [string, string][] {
  const name = publicMainnetName(r.node.chainId)
  const { fork } = r.node
  if (fork)
    return [
      [
        'fork',
        `a local Anvil fork of ${fork.url}${fork.block === null ? '' : ` at block ${fork.block}`}: the txs went to the fork${name ? `, not to ${name}` : ''}`,
      ],
    ]
  if (name && r.node.ownMining.kind !== 'unknown')
    return [['chain id', `${name}'s id, on a local Anvil: nothing was sent to ${name}`]]
  return []
}

/** The end-of-run table: what happened to every tx, how fast, and what went wrong with a hint. */
export function formatSummary(r: RunReport): string {
  const c = r.counts
  const rows: [string, string][] = [
    ['status', r.status],
    [
      'node',
      `${r.node.clientVersion} (chain ${r.node.chainId}, ${r.node.embedded ? 'embedded' : r.node.rpcUrl}, mining: ${r.node.mining}, node's own: ${nodeMiningLabel(r.node.ownMining)})`,
    ],
    ...localChainRows(r),
    ['planned', String(c.planned)],
    ['mined', String(c.mined)],
    ['reverted', String(c.reverted)],
    ['failed', String(c.failed)],
    ['dropped', String(c.dropped)],
    ['cancelled', String(c.cancelled)],
    ...(c.unconfirmed ? [['unconfirmed', String(c.unconfirmed)] as [string, string]] : []),
    ['accounting', accounting(r)],
    ['chain', chainLine(r)],
    ['duration', `${(r.durationMs / 1000).toFixed(2)} s`],
    ['sent', `${r.throughput.sentPerSec} tx/s`],
    ['mined', `${r.throughput.minedPerSec} tx/s`],
    ['latency p50/p95/p99', `${ms(r.latencyMs.p50)} / ${ms(r.latencyMs.p95)} / ${ms(r.latencyMs.p99)}`],
    ['submit RTT p50/p95', `${ms(r.submitRttMs.p50)} / ${ms(r.submitRttMs.p95)}`],
    [
      'blocks',
      `${r.blocks.count} (avg fullness ${r.blocks.avgFullness === null ? '—' : `${(r.blocks.avgFullness * 100).toFixed(1)}%`})`,
    ],
    ['accounts', String(r.accounts.length)],
    ...workerRows(r),
    ...limitRows(r),
  ]
  if (r.gapFills) rows.push(['nonce gaps filled', String(r.gapFills)])
  const { speedUp, cancel, refused } = r.replacements
  if (speedUp + cancel + refused)
    rows.push([
      'replacements',
      `${speedUp} speed-ups, ${cancel} cancels sent${refused ? `, ${refused} refused by the node` : ''}`,
    ])
  rows.push(...typeRows(r), ...endpointRows(r))
  if (r.scenario && r.scenario.name !== 'transfer') {
    rows.push(['scenario', r.scenario.name])
    for (const [role, address] of Object.entries(r.scenario.contracts)) rows.push([`  ${role}`, address])
    const checks = r.scenario.checks
    if (checks.length) rows.push(['checks', `${checks.filter((c) => c.ok).length}/${checks.length} passed`])
    for (const [key, value] of Object.entries(r.scenario.findings))
      rows.push([`  ${key}`, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)])
  }
  const w = Math.max(...rows.map(([k]) => k.length))
  const lines = rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`)
  for (const c of r.scenario?.checks.filter((x) => !x.ok).slice(0, 10) ?? [])
    lines.push(`  check failed: ${c.name}: expected ${c.expected}, got ${c.actual}`)
  lines.push(...thresholdLines(r))
  if (r.errors.length) {
    lines.push('', '  errors:')
    for (const g of r.errors) {
      lines.push(
        `    ${g.count}× ${g.title}${g.label ? ` (${g.label})` : ''}${g.retried ? `, ${g.retried} retried` : ''}`,
      )
      // The group's own words (a decoded revert reason, the node's message): the title is generic.
      const sample = oneLine(g.sample)
      if (sample && sample !== g.title) lines.push(`       e.g. ${sample}`)
      lines.push(`       → ${g.hint}`)
    }
  }
  for (const warning of r.warnings)
    lines.push('', `  warning: ${warning.message}`, ...(warning.hint ? [`       → ${warning.hint}`] : []))
  if (r.error) lines.push('', `  error: ${r.error.message}`, ...(r.error.hint ? [`       → ${r.error.hint}`] : []))
  return lines.join('\n')
}

/** A distributed run: its shards, the workers that ran them, and each loss (docs/distributed.md). */
function workerRows(r: RunReport): [string, string][] {
  if (!r.distributed) return []
  const attempts = r.distributed.shards.flatMap((s) => s.attempts.map((a) => ({ ...a, shard: s.index })))
  const workers = new Set(attempts.flatMap((a) => (a.worker ? [a.worker] : [])))
  const rows: [string, string][] = [['workers', `${workers.size} (${r.distributed.shards.length} account shards)`]]
  for (const a of attempts)
    if (a.result === 'lost')
      rows.push([
        '',
        `shard ${a.shard} lost on ${a.worker ?? 'a worker that never reported'}: ${a.reason ?? 'no reason given'}`,
      ])
  return rows
}

function limitRows(r: RunReport): [string, string][] {
  if (!r.limit) return []
  return [
    ['limited by', `${limitLabels[r.limit.by]}: ${r.limit.because}`],
    ['', `→ ${r.limit.hint}`],
  ]
}

/** A run of several types: each one's mined count, and blob gas where there was some. */
function typeRows(r: RunReport): [string, string][] {
  if (!r.txTypes.some((t) => t.type !== 'default')) return []
  const head: [string, string] = ['tx types', String(r.txTypes.length)]
  return [
    head,
    ...r.txTypes.map((t): [string, string] => [
      `  ${t.type}`,
      `${t.mined}/${t.count} mined${t.blobs ? `, blob gas ${t.blobs.gasUsed} at ${t.blobs.minPriceWei}–${t.blobs.maxPriceWei} wei` : ''}${t.receiptTypeMismatch ? `, ${t.receiptTypeMismatch} receipts of another type` : ''}`,
    ]),
  ]
}

/** Each send endpoint: what it took, how fast, what failed. */
function endpointRows(r: RunReport): [string, string][] {
  if (!r.endpoints.length) return []
  const head: [string, string] = [
    'send endpoints',
    `${r.endpoints.length}, ${String(r.config.sendPolicy ?? 'round-robin')}`,
  ]
  return [
    head,
    ...r.endpoints.map((e): [string, string] => {
      const errors = Object.entries(e.errors).map(([kind, n]) => `${n} ${kind}`)
      return [
        `  rpcUrls[${e.index}]`,
        `${e.url}: ${e.accepted}/${e.sent} accepted, RTT p50 ${ms(e.submitRttMs.p50)}${errors.length ? `, ${errors.join(', ')}` : ''}${e.downs ? `, out ${e.downs}×` : ''}`,
      ]
    }),
  ]
}

/** Whether the chain's nonces are what the report says: a mismatch is loud, never silent. */
function chainLine(r: RunReport): string {
  if (r.chainAgrees === null) return 'not checked (the chain could not say)'
  if (r.chainAgrees) return "every sender's nonce equals the chain's ✓"
  const off = nonceMismatches(r.accounts)
  const first = off[0]
  return `MISMATCH: ${off.length} sender(s) differ from the chain${first ? ` (${first.address}: expected nonce ${first.expectedNonce}, chain says ${first.onChainNonce})` : ''}`
}

/** A run that failed before its first tx sent nothing: that is not a bookkeeping mismatch. */
function accounting(r: RunReport): string {
  if (r.invariantHolds) return 'planned = mined + reverted + failed + dropped + cancelled + unconfirmed ✓'
  const c = r.counts
  const touched = c.signed + c.submitted + terminalTotal(c)
  if (r.status === 'failed' && touched === 0) return 'nothing was sent (the run failed before its first tx)'
  return 'MISMATCH'
}
