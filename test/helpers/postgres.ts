import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { freePort } from '../../services/chain/free-port'

export type TestPostgres = { url: string; stop(): void }

/** Debian keeps PostgreSQL's server programs out of PATH, under /usr/lib/postgresql/<version>/bin. */
function serverBin(name: string): string {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim()
  if (onPath) return onPath
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  for (const v of versions) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name)
  throw new Error(`${name} not found: install PostgreSQL (Debian: apt-get install postgresql)`)
}

/**
 * A PostgreSQL server of the caller's own: a fresh cluster in a temp dir on a loopback port, no
 * fsync (a test's data outlives nothing), removed by stop(). initdb will not run as root, so as
 * root the cluster belongs to Debian's `postgres` user.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'evm-stress-pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), -1)
  const run = (bin: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' })
      : execFileSync(bin, args, { stdio: 'pipe' })
  const data = join(dir, 'data')
  const pgCtl = serverBin('pg_ctl')
  run(serverBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'evm', '-E', 'UTF8', '--no-sync'])
  const port = await freePort()
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`
  run(pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start'])
  const stop = () => {
    try {
      run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  process.once('exit', () => {
    if (existsSync(data)) stop()
  })
  return { url: `postgres://evm@127.0.0.1:${port}/postgres`, stop }
}

/** A PostgreSQL server of the file's own, stopped after its tests. */
export function withTestPostgres(): { readonly url: string } {
  let pg: TestPostgres | undefined
  beforeAll(async () => {
    pg = await startTestPostgres()
  })
  afterAll(() => {
    pg?.stop()
  })
  return {
    get url() {
      if (!pg) throw new Error('test postgres not started')
      return pg.url
    },
  }
}
