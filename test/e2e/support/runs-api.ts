import { terminalStatuses as terminal } from '../../../services/run-model/status'
import type { RunSummary } from '../../../services/runs/types'

/** The run model's terminal statuses, as an array (it goes into the page). */
export const terminalStatuses: readonly string[] = [...terminal]

export async function getRun(baseUrl: string, id: string): Promise<RunSummary> {
  const res = await fetch(`${baseUrl}/api/runs/${encodeURIComponent(id)}`)
  if (!res.ok) throw new Error(`GET /api/runs/${id} → ${res.status}: ${await res.text()}`)
  return (await res.json()) as RunSummary
}

/** Polls the run until its status is terminal (the engine's own timeouts bound how long that takes). */
export async function waitForTerminal(baseUrl: string, id: string, timeoutMs = 120_000): Promise<RunSummary> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const run = await getRun(baseUrl, id)
    if (terminalStatuses.includes(run.status)) return run
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status} after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** POST /api/runs with a config; the new run's id (201 expected). */
export async function startRun(baseUrl: string, body: object): Promise<string> {
  const res = await fetch(`${baseUrl}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (res.status !== 201) throw new Error(`POST /api/runs → ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { id: string }).id
}

/** A run of one tx a second, started through the API and recorded as running (so a crash interrupts it). */
export async function startSlowRun(baseUrl: string): Promise<string> {
  const id = await startRun(baseUrl, { mode: 'sequential', txs: 1000, accounts: 1, delayMs: 1000 })
  for (;;) {
    const run = await getRun(baseUrl, id)
    if (run.status === 'running') return id
    if (terminalStatuses.includes(run.status)) throw new Error(`run ${id} ended (${run.status}) before it ran`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
