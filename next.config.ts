import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // Native addons and the Anvil binary wrapper must be loaded by Node's own `require` at run time:
  // bundling them would break `.node` binaries and the path lookups they do relative to themselves.
  serverExternalPackages: ['better-sqlite3', 'secp256k1', '@foundry-rs/anvil'],
  // Plain string hrefs (`/runs/${id}`) everywhere; typed routes would add generated types to keep in sync.
  typedRoutes: false,
  // The engine is a long-lived local process: no need to advertise the framework.
  poweredByHeader: false,
}

export default nextConfig
