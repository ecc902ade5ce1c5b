import { describe, expect, it } from 'vitest'
import { checkRequest } from './request-guard'

const headers = (h: Record<string, string>) => new Headers(h)

describe('request guard', () => {
  it.each(['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', 'localhost'])('serves host %s', (host) => {
    expect(checkRequest('GET', headers({ host }))).toBeNull()
    expect(checkRequest('POST', headers({ host }))).toBeNull()
  })

  it.each(['evil.example', 'evil.example:3000', '192.168.1.5:3000', '127.0.0.1.evil.example', ''])(
    'refuses host %j (DNS rebinding)',
    (host) => {
      expect(checkRequest('GET', headers({ host }))?.code).toBe('FORBIDDEN_HOST')
    },
  )

  it('allows hosts named in the allow list', () => {
    expect(checkRequest('GET', headers({ host: 'box.lan:3000' }), ['box.lan'])).toBeNull()
  })

  it('refuses state-changing requests from another origin, not reads', () => {
    const cross = { host: '127.0.0.1:3000', origin: 'https://evil.example' }
    expect(checkRequest('POST', headers(cross))?.code).toBe('CROSS_ORIGIN')
    expect(checkRequest('DELETE', headers(cross))?.code).toBe('CROSS_ORIGIN')
    expect(checkRequest('GET', headers(cross))).toBeNull()
    expect(checkRequest('POST', headers({ host: '127.0.0.1:3000', origin: 'null' }))?.code).toBe('CROSS_ORIGIN')
    expect(checkRequest('POST', headers({ host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }))?.code).toBe(
      'CROSS_ORIGIN',
    )
    // Another local port is another origin too.
    expect(checkRequest('POST', headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:8080' }))?.code).toBe(
      'CROSS_ORIGIN',
    )
  })

  it('lets the app itself and origin-less clients (CLI, curl) through', () => {
    expect(checkRequest('POST', headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }))).toBeNull()
    expect(checkRequest('POST', headers({ host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }))).toBeNull()
    expect(checkRequest('POST', headers({ host: '127.0.0.1:3000' }))).toBeNull()
    expect(checkRequest('POST', headers({ host: '[::1]:3000', origin: 'http://[::1]:3000' }))).toBeNull()
  })
})
