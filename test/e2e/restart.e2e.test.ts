import { afterAll, describe, expect, test, vi } from 'vitest'
import { type AppServer, startApp } from './support/app-server'
import { getRun, startSlowRun } from './support/runs-api'

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
    const id = await startSlowRun(first.baseUrl)
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
