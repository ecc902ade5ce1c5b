import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { badConfig, namesField } from '../helpers/bad-inputs'

type Post = (request: Request) => Promise<Response>

/**
 * The route handlers in-process, with the app's node down: bad input must still be a 400 naming
 * the field, found without the node. (The fuzzing found POST /api/preview opening the node before
 * checking a custom call's ABI and arguments: a 503 "node unavailable" for a typo in an argument.)
 */
describe('bad input while the node is down', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'evm-stress-node-down-'))
  const routes: Record<string, Post> = {}
  beforeAll(async () => {
    // Read when the registry is first created, on the first request.
    process.env.EVM_STRESS_DATA_DIR = dataDir
    process.env.EVM_STRESS_RPC_URL = 'http://127.0.0.1:1'
    routes.preview = (await import('../../app/api/preview/route')).POST
    routes.runs = (await import('../../app/api/runs/route')).POST
    routes.tests = (await import('../../app/api/tests/route')).POST
  })
  afterAll(async () => {
    await (await import('../../services/runs/registry')).getRegistry().close()
    delete process.env.EVM_STRESS_RPC_URL
    delete process.env.EVM_STRESS_DATA_DIR
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('generated bad configs to preview, runs and tests: 400 naming the field, never 503', async () => {
    await fc.assert(
      fc.asyncProperty(badConfig, fc.constantFrom('preview', 'runs', 'tests'), async (bad, route) => {
        const body = JSON.stringify(bad.config)
        const res = await (routes[route] as Post)(
          new Request(`http://127.0.0.1/api/${route}`, { method: 'POST', body }),
        )
        const json = (await res.json()) as { error: { code: string; issues?: { field: string }[] } }
        if (body.length > 256 * 1024) {
          expect(res.status).toBe(413)
          return
        }
        expect(res.status, `${route}: ${bad.what} → ${JSON.stringify(json)}`).toBe(400)
        expect(json.error.code).toBe('INVALID_CONFIG')
        expect(namesField(json.error.issues ?? [], bad.field), `${bad.what} → ${JSON.stringify(json)}`).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
