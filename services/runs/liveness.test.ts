import { spawn, spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { afterAll, describe, expect, it } from 'vitest'
import type { RunRow } from '../store/runs-repo'
import { abandonedAfterMs, isAbandoned } from './liveness'

const now = 1_800_000_000_000
const row = (o: Partial<RunRow>): RunRow => ({
  id: 'r',
  test_id: null,
  name: null,
  status: 'running',
  config_json: '{}',
  created_at: 0,
  started_at: null,
  ended_at: null,
  chain_id: null,
  rpc_url: null,
  mining: null,
  planned: 1,
  report_json: null,
  error_json: null,
  resumable: 0,
  continued_as: null,
  owner: null,
  alive_at: null,
  ...o,
})

describe('a run no process runs any more', () => {
  // A process of this host that is alive for the test, and the pid of one that has exited.
  const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'])
  const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid as number
  afterAll(() => {
    alive.kill()
  })
  const here = (pid: number | undefined) => `${hostname()}:${pid}`

  it('is one whose process on this host is gone, or is this very pid (a previous process’s)', () => {
    expect(isAbandoned(row({ owner: here(gone), alive_at: now }), now, new Set())).toBe(true)
    expect(isAbandoned(row({ owner: here(process.pid), alive_at: now }), now, new Set())).toBe(true)
  })

  it('is not one another process of this host still runs and beats for', () => {
    expect(isAbandoned(row({ owner: here(alive.pid), alive_at: now - 1_000 }), now, new Set())).toBe(false)
    // A pid taken again by an unrelated process: its silence gives it away.
    expect(isAbandoned(row({ owner: here(alive.pid), alive_at: now - abandonedAfterMs - 1 }), now, new Set())).toBe(
      true,
    )
  })

  it('on another host: taken for gone only once it has been silent for abandonedAfterMs', () => {
    const there = 'another-host.example:42'
    expect(isAbandoned(row({ owner: there, alive_at: now - abandonedAfterMs }), now, new Set())).toBe(false)
    expect(isAbandoned(row({ owner: there, alive_at: now - abandonedAfterMs - 1 }), now, new Set())).toBe(true)
  })

  it('never one this process holds, one that has ended, or one recorded before owners but ended', () => {
    expect(isAbandoned(row({ owner: here(process.pid), alive_at: now }), now, new Set(['r']))).toBe(false)
    for (const status of ['completed', 'stopped', 'failed', 'interrupted'])
      expect(isAbandoned(row({ status }), now, new Set()), status).toBe(false)
    // Recorded before owners were: as before, any unfinished one is taken for gone.
    expect(isAbandoned(row({}), now, new Set())).toBe(true)
  })
})
