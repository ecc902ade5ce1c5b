import { type NextRequest, NextResponse } from 'next/server'
import { checkRequest } from './services/security/request-guard'

const extraHosts = (process.env.EVM_STRESS_ALLOWED_HOSTS ?? '')
  .split(',')
  .map((h) => h.trim())
  .filter(Boolean)

/** Every request: refused when addressed to a foreign host, or state-changing from another origin. */
export function proxy(request: NextRequest) {
  const refusal = checkRequest(request.method, request.headers, extraHosts)
  if (!refusal) return NextResponse.next()
  return NextResponse.json(
    { error: { code: refusal.code, message: refusal.message, hint: refusal.hint } },
    { status: refusal.status },
  )
}

export const config = { matcher: '/:path*' }
