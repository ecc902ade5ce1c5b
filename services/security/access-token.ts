/** Name of the cookie that carries the access token after `?token=` was opened once. */
export const tokenCookie = 'evm_stress_token'

/** Shorter tokens can be guessed over a network; the launcher refuses them. */
export const minTokenLength = 24

export type AccessRequest = {
  method: string
  /** Path and query, e.g. `/runs?token=…`. */
  pathWithQuery: string
  headers: { get(name: string): string | null }
}

export type AccessDecision =
  | { kind: 'allow' }
  /** The right `?token=`: keep it in a cookie, then go to the same URL without it (out of the history). */
  | { kind: 'redirect'; location: string; cookie: { name: string; value: string } }
  | { kind: 'refuse'; api: boolean; message: string; hint: string }

/**
 * Compares two strings in time that depends only on the expected length, so a wrong guess does
 * not tell how many leading characters were right.
 */
export function sameSecret(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) || 0) ^ expected.charCodeAt(i)
  return diff === 0
}

function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim())
      } catch {
        return null
      }
    }
  }
  return null
}

function bearer(header: string | null): string | null {
  const match = header?.match(/^Bearer\s+(.+)$/i)
  return match?.[1]?.trim() ?? null
}

/**
 * When the server listens beyond this machine it needs a token on every request: an
 * `Authorization: Bearer` header (scripts, the CLI, curl) or the cookie a browser got by opening
 * any page once with `?token=`. Without a configured token every request passes.
 */
export function checkAccess(request: AccessRequest, token: string | undefined): AccessDecision {
  if (!token) return { kind: 'allow' }
  const url = new URL(request.pathWithQuery, 'http://placeholder')
  // The scrape target answers like the API: a 401 a scraper can read, not a page.
  const api = url.pathname === '/api' || url.pathname.startsWith('/api/') || url.pathname === '/metrics'
  const fromHeader = bearer(request.headers.get('authorization'))
  if (fromHeader !== null && sameSecret(fromHeader, token)) return { kind: 'allow' }
  const fromCookie = cookieValue(request.headers.get('cookie'), tokenCookie)
  const fromQuery = url.searchParams.get('token')
  const method = request.method.toUpperCase()
  if (fromQuery !== null && (method === 'GET' || method === 'HEAD') && sameSecret(fromQuery, token)) {
    url.searchParams.delete('token')
    return {
      kind: 'redirect',
      // Path and query only: it cannot point to another host.
      location: `${url.pathname}${url.search}`,
      cookie: { name: tokenCookie, value: token },
    }
  }
  if (fromCookie !== null && sameSecret(fromCookie, token)) return { kind: 'allow' }
  const wrong = fromHeader !== null || fromQuery !== null || fromCookie !== null
  return {
    kind: 'refuse',
    api,
    message: wrong ? 'The access token is wrong' : 'This server needs an access token',
    hint: api
      ? 'Send the header "Authorization: Bearer <EVM_STRESS_ACCESS_TOKEN>".'
      : 'Open any page once as …/?token=<EVM_STRESS_ACCESS_TOKEN> (the value the server was started with); a cookie keeps you signed in.',
  }
}
