import { afterAll, describe, expect, test, vi } from 'vitest'
import { type AppServer, startApp } from './support/app-server'
import { getRun, terminalStatuses } from './support/runs-api'

vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 })

/** instrumentation.ts's register() must mark runs a crash left unfinished as interrupted. */
describe('server crash and restart', () => {
  const servers: AppServer[] = []

  // Newest first: the first server owns the data dir and removes it once the second is gone.
  afterAll(async () => {
    for (const s of servers.reverse()) await s.stop()
  })

  test('a run in progress when the server is killed is interrupted after the restart', async () => {
    const first = await startApp()
    servers.push(first)
    const res = await fetch(`${first.baseUrl}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'sequential', txs: 1000, accounts: 1, delayMs: 1000 }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    // Wait until the run is recorded as running, so the crash really interrupts it.
    for (;;) {
      const run = await getRun(first.baseUrl, id)
      if (run.status === 'running') break
      expect(terminalStatuses).not.toContain(run.status)
      await new Promise((r) => setTimeout(r, 200))
    }
    await first.crash()

    // Same data dir: this server restarts on the crashed one's record.
    const second = await startApp({ dataDir: first.dataDir })
    servers.push(second)
    const run = await getRun(second.baseUrl, id)
    expect(run.status).toBe('interrupted')
    expect(run.error?.code).toBe('INTERRUPTED')
    // What was recorded before the crash is kept.
    expect(run.counts.planned).toBe(1000)
  })
})
