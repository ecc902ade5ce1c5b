import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const launcher = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url))

/** `npm start`'s launcher with this environment; it must refuse before building anything. */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const clean = { ...process.env }
  for (const name of ['EVM_STRESS_HOST', 'EVM_STRESS_ACCESS_TOKEN', 'EVM_STRESS_ALLOWED_HOSTS', 'PORT'])
    delete clean[name]
  const child = spawn(process.execPath, [launcher], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })))
}

describe('npm start beyond loopback', () => {
  it.each(['0.0.0.0', '::'])(
    'EVM_STRESS_HOST=%s without EVM_STRESS_ACCESS_TOKEN: refuses to start, saying what to set',
    async (host) => {
      const r = await start({ EVM_STRESS_HOST: host })
      expect(r.code).toBe(2)
      expect(r.output).toContain(`Refusing to listen on ${host}`)
      expect(r.output).toContain('Set EVM_STRESS_ACCESS_TOKEN')
      expect(r.output).not.toMatch(/next build|Creating an optimized/)
    },
  )

  it('a token shorter than 24 characters is refused too', async () => {
    const r = await start({ EVM_STRESS_HOST: '0.0.0.0', EVM_STRESS_ACCESS_TOKEN: 'hunter2' })
    expect(r.code).toBe(2)
    expect(r.output).toMatch(/EVM_STRESS_ACCESS_TOKEN is too short \(7 characters, at least 24 needed\)/)
    // The refusal does not repeat the token.
    expect(r.output).not.toContain('hunter2')
  })
})
