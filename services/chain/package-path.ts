/**
 * The file a package's `require` would load, for a worker thread to `require` in its turn. The
 * server's bundler rewrites `require.resolve` into its own module ids (a number), so `module` is
 * taken at run time, where the bundler does not look; from a bundled chunk, as from a source
 * file, the lookup walks up to the project's node_modules.
 */
export function packagePath(name: string): string {
  const { createRequire } = process.getBuiltinModule('node:module')
  return createRequire(import.meta.url).resolve(name)
}
