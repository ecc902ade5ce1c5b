import { type ChildProcess, spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { NodeUnavailableError } from '../errors/base'
import { anvilBinaryPath } from './anvil-binary'
import { freePort } from './free-port'

export type AnvilStatus = 'idle' | 'starting' | 'started' | 'stopping' | 'stopped'

export type AnvilOptions = {
  port?: number
  host?: string
  /** Seconds between blocks; absent = automine. */
  blockTime?: number
  /** Start with mining off (engine-driven). */
  noMining?: boolean
  gasLimit?: bigint
  chainId?: number
  /** Dev accounts Anvil creates and unlocks. */
  accounts?: number
  /** Start as a fork of this node's chain (at `block`, else its head): `--fork-url`. */
  fork?: AnvilFork
  /** How long to wait for the first RPC answer. */
  startTimeoutMs?: number
  extraArgs?: string[]
}

export type AnvilFork = { url: string; block?: number }

export type AnvilEvents = {
  status: [AnvilStatus]
  exit: [code: number | null, signal: NodeJS.Signals | null]
  stderr: [line: string]
}

export type Anvil = {
  readonly rpcUrl: string
  readonly port: number
  readonly status: AnvilStatus
  readonly pid: number | undefined
  readonly events: EventEmitter<AnvilEvents>
  start(): Promise<void>
  stop(): Promise<void>
}

const liveChildren = new Set<ChildProcess>()
let exitHookInstalled = false

/** Killing the node with its parent: an orphaned Anvil would keep a port and its memory. */
function installExitHook() {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const child of liveChildren) child.kill('SIGKILL')
  })
}

/**
 * A spawned Anvil with an explicit lifecycle; `start()` resolves once Anvil says it listens.
 * Quiet (`--silent`): Anvil otherwise logs every RPC call, which costs it throughput.
 */
export async function createAnvil(options: AnvilOptions = {}): Promise<Anvil> {
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? (await freePort(host))
  const events = new EventEmitter<AnvilEvents>()
  let status: AnvilStatus = 'idle'
  let child: ChildProcess | undefined
  const setStatus = (s: AnvilStatus) => {
    status = s
    events.emit('status', s)
  }

  const args = ['--host', host, '--port', String(port), '--silent']
  if (options.blockTime !== undefined) args.push('--block-time', String(options.blockTime))
  if (options.noMining) args.push('--no-mining')
  if (options.gasLimit !== undefined) args.push('--gas-limit', options.gasLimit.toString())
  if (options.chainId !== undefined) args.push('--chain-id', String(options.chainId))
  if (options.accounts !== undefined) args.push('--accounts', String(options.accounts))
  if (options.fork) args.push('--fork-url', options.fork.url)
  if (options.fork?.block !== undefined) args.push('--fork-block-number', String(options.fork.block))
  args.push(...(options.extraArgs ?? []))

  return {
    rpcUrl: `http://${host}:${port}`,
    port,
    get status() {
      return status
    },
    get pid() {
      return child?.pid
    },
    events,
    start() {
      if (status === 'starting' || status === 'started') return Promise.resolve()
      setStatus('starting')
      installExitHook()
      return new Promise<void>((resolve, reject) => {
        const proc = spawn(anvilBinaryPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] })
        child = proc
        liveChildren.add(proc)
        let stderr = ''
        const timer = setTimeout(() => {
          proc.kill('SIGKILL')
          reject(
            new NodeUnavailableError('Embedded Anvil did not start in time', {
              details: stderr.slice(-2000),
            }),
          )
        }, options.startTimeoutMs ?? 20_000)
        // --silent hides Anvil's "Listening on" line: readiness is its first successful RPC answer.
        void waitForRpc(`http://${host}:${port}`, () => status === 'starting').then((ok) => {
          if (!ok || status !== 'starting') return
          clearTimeout(timer)
          setStatus('started')
          resolve()
        })
        proc.stderr?.setEncoding('utf8')
        proc.stderr?.on('data', (chunk: string) => {
          stderr = (stderr + chunk).slice(-8000)
          for (const line of chunk.split('\n')) if (line.trim()) events.emit('stderr', line)
        })
        proc.on('error', (err) => {
          clearTimeout(timer)
          setStatus('stopped')
          reject(new NodeUnavailableError('Could not spawn the embedded Anvil', { cause: err }))
        })
        proc.on('exit', (code, signal) => {
          liveChildren.delete(proc)
          clearTimeout(timer)
          const wasStarting = status === 'starting'
          setStatus('stopped')
          events.emit('exit', code, signal)
          if (wasStarting)
            reject(
              new NodeUnavailableError(`Embedded Anvil exited during start-up (code ${code})`, {
                details: stderr.slice(-2000),
                hint: `Is port ${port} free?`,
              }),
            )
        })
      })
    },
    stop() {
      const proc = child
      if (!proc || status === 'stopped' || status === 'idle') return Promise.resolve()
      setStatus('stopping')
      return new Promise<void>((resolve) => {
        const force = setTimeout(() => proc.kill('SIGKILL'), 3_000)
        proc.once('exit', () => {
          clearTimeout(force)
          resolve()
        })
        proc.kill('SIGTERM')
      })
    },
  }
}

/** Polls eth_chainId until it answers (true) or `stillWaiting` says to give up (false). */
async function waitForRpc(url: string, stillWaiting: () => boolean): Promise<boolean> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] })
  while (stillWaiting()) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      if (res.ok) return true
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  return false
}
