#!/usr/bin/env node
// `npm start`: checks where the server may listen (EVM_STRESS_HOST, PORT, EVM_STRESS_ACCESS_TOKEN)
// before anything else, then builds and serves the app with `next start`. Usage:
//   node scripts/start.mjs [--no-build]
import { spawn } from 'node:child_process'
import { hostname, networkInterfaces } from 'node:os'
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register()
const { resolveListen, ListenError } = await import('../services/security/listen-options.ts')

const root = fileURLToPath(new URL('..', import.meta.url))
const nextBin = fileURLToPath(new URL('../node_modules/next/dist/bin/next', import.meta.url))

let listen
try {
  listen = resolveListen(process.env, {
    interfaces: Object.values(networkInterfaces()).flatMap((list) => list ?? []),
    hostname: hostname(),
  })
} catch (error) {
  if (!(error instanceof ListenError)) throw error
  process.stderr.write(`error: ${error.message}\n  → ${error.hint}\n`)
  process.exit(2)
}

/** Runs `next <args>` with our stdio; resolves with its exit code, passing Ctrl-C / SIGTERM on. */
function next(args, env) {
  const child = spawn(process.execPath, [nextBin, ...args], { cwd: root, env, stdio: 'inherit' })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve(code ?? (signal ? 128 : 1))
    }),
  )
}

if (!process.argv.includes('--no-build')) {
  const built = await next(['build'], process.env)
  if (built !== 0) process.exit(built)
}

const where = `http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${listen.port}`
process.stderr.write(
  listen.token
    ? `evm-stress: listening on ${where}; every request needs the access token: open ${where}/?token=<EVM_STRESS_ACCESS_TOKEN> once in the browser, or send "Authorization: Bearer <token>"\n`
    : `evm-stress: listening on ${where} (this machine only)\n`,
)
if (listen.allowedHosts.length)
  process.stderr.write(`evm-stress: answering to host names ${listen.allowedHosts.join(', ')}\n`)
process.exit(
  await next(['start', '-H', listen.host, '-p', String(listen.port)], {
    ...process.env,
    EVM_STRESS_ALLOWED_HOSTS: listen.allowedHosts.join(','),
  }),
)
