/**
 * Runs once when the Next.js server starts. Recovery belongs here rather than in the first
 * request: runs left "running" by a crash are marked interrupted before anyone looks at them.
 */
export async function register(): Promise<void> {
  // The Edge runtime has no SQLite and no child processes; the engine lives in Node only.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { keepHeapNearLive } = await import('./services/runs/heap-growth')
  keepHeapNearLive()
  try {
    // Imported lazily so the Edge compilation of this file never pulls in the engine.
    const { getRegistry } = await import('./services/runs/registry')
    const registry: { init?: () => unknown } = getRegistry()
    await registry.init?.()
  } catch (error) {
    // A failed recovery must not keep the UI down: the pages report the node/store problem themselves.
    console.error('[evm-stress] startup recovery failed; the server keeps running:', error)
  }
}
