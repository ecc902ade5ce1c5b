import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkAccess, sameSecret, tokenCookie } from './access-token'

const token = 'a-long-enough-token-0123456789'
const get = (pathWithQuery: string, h: Record<string, string> = {}, method = 'GET') =>
  checkAccess({ method, pathWithQuery, headers: new Headers(h) }, token)

describe('access token', () => {
  it('lets everything through when the server has no token', () => {
    expect(checkAccess({ method: 'POST', pathWithQuery: '/api/runs', headers: new Headers() }, undefined)).toEqual({
      kind: 'allow',
    })
  })

  it('refuses a request without the token: JSON for the API, a page otherwise', () => {
    const api = get('/api/node')
    expect(api).toMatchObject({ kind: 'refuse', api: true, message: 'This server needs an access token' })
    if (api.kind === 'refuse') expect(api.hint).toContain('Authorization: Bearer')
    const page = get('/runs')
    expect(page).toMatchObject({ kind: 'refuse', api: false })
    if (page.kind === 'refuse') expect(page.hint).toContain('?token=')
  })

  it('guards the Prometheus scrape target like the API: a Bearer header, or a 401 a scraper reads', () => {
    expect(get('/metrics')).toMatchObject({ kind: 'refuse', api: true })
    expect(get('/metrics', { authorization: `Bearer ${token}` })).toEqual({ kind: 'allow' })
  })

  it('accepts the Bearer header, and refuses a wrong one saying it is wrong', () => {
    expect(get('/api/runs', { authorization: `Bearer ${token}` }, 'POST')).toEqual({ kind: 'allow' })
    expect(get('/api/runs', { authorization: `bearer  ${token}` })).toEqual({ kind: 'allow' })
    expect(get('/api/runs', { authorization: `Bearer ${token}x` })).toMatchObject({
      kind: 'refuse',
      message: 'The access token is wrong',
    })
    expect(get('/api/runs', { authorization: token })).toMatchObject({ kind: 'refuse' })
  })

  it('accepts the cookie, among others', () => {
    expect(get('/test', { cookie: `theme=dark; ${tokenCookie}=${encodeURIComponent(token)}` })).toEqual({
      kind: 'allow',
    })
    expect(get('/test', { cookie: `${tokenCookie}=nope` })).toMatchObject({ kind: 'refuse', api: false })
    expect(get('/test', { cookie: `${tokenCookie}=%E0%A4%A` })).toMatchObject({ kind: 'refuse' })
  })

  it('?token= sets the cookie and redirects to the same URL without it', () => {
    expect(get(`/runs/abc?x=1&token=${token}&y=2`)).toEqual({
      kind: 'redirect',
      location: '/runs/abc?x=1&y=2',
      cookie: { name: tokenCookie, value: token },
    })
    expect(get(`/?token=${token}`)).toMatchObject({ kind: 'redirect', location: '/' })
    expect(get(`/?token=${token}`, {}, 'HEAD')).toMatchObject({ kind: 'redirect' })
    // Only for reads: a POST does not sign in by query.
    expect(get(`/api/runs?token=${token}`, {}, 'POST')).toMatchObject({ kind: 'refuse' })
    expect(get('/?token=wrong')).toMatchObject({ kind: 'refuse', message: 'The access token is wrong' })
  })

  it('compares secrets exactly', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(sameSecret(a, b)).toBe(a === b)
        expect(sameSecret(a, a)).toBe(true)
      }),
      { numRuns: 500 },
    )
    expect(sameSecret('', token)).toBe(false)
    expect(sameSecret(token.slice(0, -1), token)).toBe(false)
    expect(sameSecret(`${token}\0`, token)).toBe(false)
  })
})
