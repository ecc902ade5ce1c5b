/** A refused request: status, code and what to do, for the API's error shape. */
export type Refusal = { status: 403; code: 'FORBIDDEN_HOST' | 'CROSS_ORIGIN'; message: string; hint: string }

const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function hostName(host: string): string {
  // "[::1]:3000" → "[::1]", "127.0.0.1:3000" → "127.0.0.1"
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1)
  return host.split(':')[0] ?? host
}

/**
 * The server holds keys and spends ETH: it answers only requests addressed to it by a loopback
 * name (a foreign Host header is how DNS rebinding reaches a local server), and refuses
 * state-changing requests that a page on another origin sent (CSRF). Requests without an Origin
 * (the CLI, curl, scripts) are not cross-origin and pass.
 */
export function checkRequest(
  method: string,
  headers: { get(name: string): string | null },
  extraHosts: readonly string[] = [],
): Refusal | null {
  const allowed = (name: string) => loopbackNames.has(name) || extraHosts.includes(name)
  const host = headers.get('host') ?? ''
  if (!allowed(hostName(host)))
    return {
      status: 403,
      code: 'FORBIDDEN_HOST',
      message: `Requests for host "${host.slice(0, 100)}" are refused: this server answers to 127.0.0.1 / localhost only`,
      hint: 'Open it as http://127.0.0.1:<port>, or list the name in EVM_STRESS_ALLOWED_HOSTS if you bound it elsewhere on purpose.',
    }
  if (!unsafeMethods.has(method.toUpperCase())) return null
  const origin = headers.get('origin')
  const site = headers.get('sec-fetch-site')
  let crossOrigin = site === 'cross-site'
  if (origin && origin !== 'null') {
    try {
      const o = new URL(origin)
      crossOrigin ||= !allowed(o.hostname) || o.host !== host
    } catch {
      crossOrigin = true
    }
  } else if (origin === 'null') crossOrigin = true
  if (crossOrigin)
    return {
      status: 403,
      code: 'CROSS_ORIGIN',
      message: `A ${method.toUpperCase()} from another origin (${(origin ?? site ?? 'unknown').slice(0, 100)}) is refused`,
      hint: 'Use the app itself, the CLI, or a script without an Origin header.',
    }
  return null
}
