import { type NextRequest, NextResponse } from 'next/server'
import { checkAccess } from './services/security/access-token'
import { checkRequest } from './services/security/request-guard'
import { unauthorizedPage } from './services/security/unauthorized-page'

const extraHosts = (process.env.EVM_STRESS_ALLOWED_HOSTS ?? '')
  .split(',')
  .map((h) => h.trim())
  .filter(Boolean)

/**
 * Every request: refused when addressed to a foreign host, without the access token when the
 * server was started with one, or state-changing from another origin.
 */
export function proxy(request: NextRequest) {
  const refusal = checkRequest(request.method, request.headers, extraHosts)
  if (refusal)
    return NextResponse.json(
      { error: { code: refusal.code, message: refusal.message, hint: refusal.hint } },
      { status: refusal.status },
    )

  const access = checkAccess(
    {
      method: request.method,
      pathWithQuery: `${request.nextUrl.pathname}${request.nextUrl.search}`,
      headers: request.headers,
    },
    // Read per request (not at build time): the token belongs to this start of the server.
    process.env.EVM_STRESS_ACCESS_TOKEN?.trim() || undefined,
  )
  if (access.kind === 'redirect') {
    // Next wants an absolute Location; the host is the one the guard just accepted.
    const response = NextResponse.redirect(new URL(access.location, request.nextUrl), 303)
    response.headers.set('cache-control', 'no-store')
    response.headers.set('referrer-policy', 'no-referrer')
    response.cookies.set(access.cookie.name, access.cookie.value, { httpOnly: true, sameSite: 'strict', path: '/' })
    return response
  }
  if (access.kind === 'refuse') {
    const headers = { 'cache-control': 'no-store', 'www-authenticate': 'Bearer realm="evm-stress"' }
    if (access.api)
      return NextResponse.json(
        { error: { code: 'UNAUTHORIZED', message: access.message, hint: access.hint } },
        { status: 401, headers },
      )
    return new NextResponse(unauthorizedPage(access.message, access.hint), {
      status: 401,
      headers: { ...headers, 'content-type': 'text/html; charset=utf-8' },
    })
  }
  return NextResponse.next()
}

export const config = { matcher: '/:path*' }
