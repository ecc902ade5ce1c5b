import { describe, expect, it } from 'vitest'
import { isLoopbackHost, ListenError, resolveListen } from './listen-options'

const token = 'x'.repeat(24)
const machine = {
  hostname: 'box',
  interfaces: [
    { address: '127.0.0.1', family: 'IPv4', internal: true },
    { address: '192.168.1.5', family: 'IPv4', internal: false },
    { address: 'fe80::1', family: 'IPv6', internal: false },
  ],
}

function refusal(env: Record<string, string>): ListenError {
  try {
    resolveListen(env, machine)
  } catch (e) {
    if (e instanceof ListenError) return e
    throw e
  }
  throw new Error(`accepted ${JSON.stringify(env)}`)
}

describe('where the server listens', () => {
  it('defaults to 127.0.0.1:3000 with no token', () => {
    expect(resolveListen({})).toEqual({ host: '127.0.0.1', port: 3000, token: undefined, allowedHosts: [] })
    expect(resolveListen({ PORT: '4000', EVM_STRESS_HOST: ' ' }).port).toBe(4000)
  })

  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true)
    expect(resolveListen({ EVM_STRESS_HOST: host }).token).toBeUndefined()
  })

  it.each(['0.0.0.0', '::', '192.168.1.5', 'box.lan', '127.0.0.1.nip.io'])(
    'refuses %s without a token, saying what to set',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false)
      const e = refusal({ EVM_STRESS_HOST: host })
      expect(e.message).toContain(`Refusing to listen on ${host}`)
      expect(e.hint).toContain('EVM_STRESS_ACCESS_TOKEN')
    },
  )

  it('refuses a short token and a bad port', () => {
    expect(refusal({ EVM_STRESS_HOST: '0.0.0.0', EVM_STRESS_ACCESS_TOKEN: 'short' }).message).toMatch(/too short/)
    expect(refusal({ EVM_STRESS_ACCESS_TOKEN: 'short' }).message).toMatch(/too short/)
    for (const PORT of ['0', '65536', 'http', '30.5', '-1']) expect(refusal({ PORT }).message).toMatch(/not a port/)
  })

  it('beyond loopback with a token: the bound name and EVM_STRESS_ALLOWED_HOSTS are allowed', () => {
    expect(
      resolveListen(
        { EVM_STRESS_HOST: 'box.lan', EVM_STRESS_ACCESS_TOKEN: token, EVM_STRESS_ALLOWED_HOSTS: 'a.lan, b.lan' },
        machine,
      ),
    ).toEqual({ host: 'box.lan', port: 3000, token, allowedHosts: ['a.lan', 'b.lan', 'box.lan'] })
  })

  it("on a wildcard address: this machine's own addresses and name are allowed", () => {
    expect(resolveListen({ EVM_STRESS_HOST: '0.0.0.0', EVM_STRESS_ACCESS_TOKEN: token }, machine).allowedHosts).toEqual(
      ['192.168.1.5', '[fe80::1]', 'box'],
    )
  })

  it('a token on loopback is kept: every request needs it', () => {
    expect(resolveListen({ EVM_STRESS_ACCESS_TOKEN: token }).token).toBe(token)
  })
})
