import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { childEnv } from './child-env'
import { projectRoot } from './paths'

/** What the production build is made of; a change to any of these makes `.next` stale. */
const sources = [
  'app',
  'components',
  'services',
  'instrumentation.ts',
  'proxy.ts',
  'next.config.ts',
  'package.json',
  'tsconfig.json',
]

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

function buildIsFresh(): boolean {
  const buildId = join(projectRoot, '.next', 'BUILD_ID')
  if (!existsSync(buildId)) return false
  const builtAt = statSync(buildId).mtimeMs
  return sources.every((s) => newestMtime(join(projectRoot, s)) <= builtAt)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * A lock shared by test files running in parallel workers, outside the repo: `mkdir` is atomic,
 * the owner's pid lets a crashed owner's lock be taken over.
 */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  const key = createHash('sha1').update(projectRoot).digest('hex').slice(0, 12)
  const lock = join(tmpdir(), `evm-stress-build-${key}.lock`)
  const deadline = Date.now() + 10 * 60_000
  for (;;) {
    try {
      mkdirSync(lock)
      writeFileSync(join(lock, 'pid'), String(process.pid))
      break
    } catch {
      const owner = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : Number.NaN)
      if (Number.isInteger(owner) && !isAlive(owner)) rmSync(lock, { recursive: true, force: true })
      else if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`)
      else await new Promise((r) => setTimeout(r, 500))
    }
  }
  try {
    return await fn()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = childEnv({})
    const child = spawn(process.execPath, [join(projectRoot, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d))
    child.stderr.on('data', (d: Buffer) => (output += d))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code}):\n${output.slice(-8000)}`)),
    )
  })
}

/** Builds the app once if `.next` is missing or older than the sources. */
export async function ensureBuild(): Promise<void> {
  if (buildIsFresh()) return
  await withBuildLock(async () => {
    // Another worker may have built while we waited for the lock.
    if (!buildIsFresh()) await runBuild()
  })
}
