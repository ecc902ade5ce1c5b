import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../../services/chain/free-port'
import { childEnv } from './child-env'
import { ensureBuild } from './ensure-build'
import { projectRoot } from './paths'

export type AppServer = {
  baseUrl: string
  dataDir: string
  /** Everything the server printed so far (for failure messages). */
  output(): string
  /** Graceful stop; removes the data dir if startApp created it. */
  stop(): Promise<void>
  /** SIGKILL to the whole group, as a crash would; keeps the data dir for a restart. */
  crash(): Promise<void>
}

const readyTimeoutMs = 120_000

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()))
}

/** Kills the whole process group: the server and the Anvil it spawned. */
async function killGroup(child: ChildProcess, first: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.pid === undefined) return
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), sig)
    } catch {
      // Already gone.
    }
  }
  signal(first)
  const timer = setTimeout(() => signal('SIGKILL'), 10_000)
  await exited(child)
  clearTimeout(timer)
  // Children that ignored SIGTERM (or outlived their parent) go too.
  signal('SIGKILL')
}

export type StartAppOptions = {
  /** Restart on a previous server's data (default: a new empty dir, removed by stop()). */
  dataDir?: string
  /** More environment for the server, e.g. EVM_STRESS_ACCESS_TOKEN. */
  env?: Record<string, string>
  /** Start through `npm start`'s launcher (scripts/start.mjs --no-build) rather than `next start` itself. */
  launcher?: boolean
}

/** Settings of the developer's shell that would change what the tests expect of the server. */
const ownSettings = ['EVM_STRESS_RPC_URL', 'EVM_STRESS_HOST', 'EVM_STRESS_ACCESS_TOKEN', 'EVM_STRESS_ALLOWED_HOSTS']

/**
 * Starts the production app as the README does (`next start` on a built `.next`), on a free port
 * with its own empty data dir (or the given one, to restart on a previous server's data), and
 * resolves once GET /api/node says the node is reachable.
 */
export async function startApp(options: StartAppOptions = {}): Promise<AppServer> {
  await ensureBuild()
  const port = await freePort()
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'evm-stress-e2e-'))
  // Without EVM_STRESS_RPC_URL: always the embedded Anvil, since the tests expect chain id 31337.
  const set = { EVM_STRESS_DATA_DIR: dataDir, PORT: String(port), ...options.env }
  const env = childEnv(
    set,
    ownSettings.filter((name) => !Object.hasOwn(set, name)),
  )
  const args = options.launcher
    ? [join(projectRoot, 'scripts/start.mjs'), '--no-build']
    : [join(projectRoot, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)]
  // Own process group, so stop() can take the server's children (Anvil) with it.
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout?.on('data', (d: Buffer) => (log += d))
  child.stderr?.on('data', (d: Buffer) => (log += d))
  // Through the launcher the server listens where EVM_STRESS_HOST says (a plain IPv4 address here).
  const host = (options.launcher && options.env?.EVM_STRESS_HOST) || '127.0.0.1'
  const baseUrl = `http://${host}:${port}`
  const server: AppServer = {
    baseUrl,
    dataDir,
    output: () => log,
    async stop() {
      await killGroup(child)
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true })
    },
    crash: () => killGroup(child, 'SIGKILL'),
  }
  try {
    const token = options.env?.EVM_STRESS_ACCESS_TOKEN
    await waitUntilReady(baseUrl, child, () => log, token ? { authorization: `Bearer ${token}` } : {})
  } catch (error) {
    await server.stop()
    throw error
  }
  return server
}

type Probe = { ready: boolean; nodeError: boolean; said: string }

/** One GET /api/node; never throws (a server still booting refuses connections). */
async function probe(baseUrl: string, headers: Record<string, string>): Promise<Probe> {
  try {
    const res = await fetch(`${baseUrl}/api/node`, { headers, signal: AbortSignal.timeout(30_000) })
    const body = (await res.json().catch(() => null)) as { reachable?: boolean; error?: string | null } | null
    return {
      ready: res.ok && body?.reachable === true,
      nodeError: Boolean(body?.error),
      said: `HTTP ${res.status} ${JSON.stringify(body)}`,
    }
  } catch (error) {
    return { ready: false, nodeError: false, said: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * Polls GET /api/node until the node is reachable. Fails at once if the server exits, and after a
 * few answers saying the node failed to start (each such answer is a finished start attempt).
 */
async function waitUntilReady(
  baseUrl: string,
  child: ChildProcess,
  log: () => string,
  headers: Record<string, string>,
): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs
  let last = 'no answer yet'
  let nodeFailures = 0
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`next start exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${log()}`)
    const p = await probe(baseUrl, headers)
    if (p.ready) return
    last = p.said
    if (p.nodeError && ++nodeFailures >= 3) throw new Error(`the node did not start: ${last}\n${log()}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`app not ready after ${readyTimeoutMs} ms (last: ${last}):\n${log()}`)
}
