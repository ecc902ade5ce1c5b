import { realpathSync } from 'node:fs'
import { dirname, relative, resolve, sep } from 'node:path'
import type { NextConfig } from 'next'

/**
 * Turbopack resolves only inside its root. A git worktree may share another checkout's
 * node_modules through a symlink: the root is then the folder holding both (in a plain checkout,
 * the project itself, as by default).
 */
function workspaceRoot(): string {
  const project = resolve(__dirname)
  const modules = dirname(realpathSync(resolve(project, 'node_modules')))
  let root = project
  while (relative(root, modules).startsWith('..') && dirname(root) !== root) root = dirname(root)
  return root.endsWith(sep) ? root.slice(0, -1) : root
}

const nextConfig: NextConfig = {
  // Native addons and the Anvil binary wrapper must be loaded by Node's own `require` at run time:
  // bundling them would break `.node` binaries and the path lookups they do relative to themselves.
  serverExternalPackages: ['better-sqlite3', 'secp256k1', '@foundry-rs/anvil'],
  // Plain string hrefs (`/runs/${id}`) everywhere; typed routes would add generated types to keep in sync.
  typedRoutes: false,
  // The engine is a long-lived local process: no need to advertise the framework.
  poweredByHeader: false,
  turbopack: { root: workspaceRoot() },
}

export default nextConfig
