/**
 * The environment for a child Next.js process: ours, minus Vitest's NODE_ENV=test (next build/start
 * pick their own) and minus `omit`, plus `set`. Next types NODE_ENV as always present, hence the cast.
 */
export function childEnv(set: Record<string, string>, omit: string[] = []): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...set }
  for (const name of ['NODE_ENV', ...omit]) delete env[name]
  return env as NodeJS.ProcessEnv
}
