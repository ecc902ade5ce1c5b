import { type ChildProcess, spawn } from 'node:child_process'
import { freePort } from '../chain/free-port'
import { NodeUnavailableError } from '../errors/base'
import { checkRedis } from './redis-client'

export type LocalRedis = { url: string; stop(): Promise<void> }

/**
 * A throwaway redis-server on a loopback port, for a distributed run on one machine when no
 * --redis is given (and for the tests): nothing kept on disk, killed with its parent.
 */
export async function startLocalRedis(): Promise<LocalRedis> {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let child: ChildProcess
  try {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    })
  } catch (cause) {
    throw notInstalled(cause)
  }
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', (e) => reject(notInstalled(e))))
  const kill = () => child.kill('SIGKILL')
  process.once('exit', kill)
  const deadline = Date.now() + 10_000
  try {
    // Refused connections are the answer while it starts: asked again until it answers.
    for (;;) {
      const ok = await Promise.race([
        checkRedis(url, 500).then(
          () => true,
          () => false,
        ),
        spawnFailed,
      ])
      if (ok) break
      if (Date.now() > deadline) throw new NodeUnavailableError(`redis-server did not answer on ${url} within 10 s`)
      await new Promise((r) => setTimeout(r, 100))
    }
  } catch (error) {
    kill()
    throw error
  }
  return {
    url,
    async stop() {
      process.off('exit', kill)
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    },
  }
}

function notInstalled(cause: unknown) {
  return new NodeUnavailableError('redis-server could not be started: is it installed?', {
    hint: 'Install it (Debian: apt-get install redis-server) or give --redis redis://host:port of a running one.',
    cause,
  })
}
