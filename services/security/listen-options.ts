import { minTokenLength } from './access-token'

/** Where `npm start` listens, and what the server must then accept (from the environment). */
export type ListenOptions = {
  host: string
  port: number
  /** Required beyond loopback; with it, every request needs the token. */
  token: string | undefined
  /** Host header names the server answers to besides the loopback ones (EVM_STRESS_ALLOWED_HOSTS). */
  allowedHosts: string[]
}

export class ListenError extends Error {
  override name = 'ListenError'
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message)
  }
}

/** An interface address, as `os.networkInterfaces()` lists them. */
export type InterfaceAddress = { address: string; family: string | number; internal: boolean }

const wildcards = new Set(['0.0.0.0', '::', '[::]'])

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

/** How a name appears in a Host header: IPv6 literals in brackets. */
const asHostName = (address: string) => (address.includes(':') && !address.startsWith('[') ? `[${address}]` : address)

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)

/**
 * Reads EVM_STRESS_HOST (default 127.0.0.1), PORT (default 3000), EVM_STRESS_ACCESS_TOKEN and
 * EVM_STRESS_ALLOWED_HOSTS. Listening beyond loopback is refused without a long enough token:
 * anyone who can reach the port could otherwise spend the node's funds. The host it binds to is
 * added to the allowed Host names (for 0.0.0.0 / ::, this machine's addresses and its name).
 */
export function resolveListen(
  env: Record<string, string | undefined>,
  machine: { interfaces: InterfaceAddress[]; hostname: string } = { interfaces: [], hostname: '' },
): ListenOptions {
  const host = env.EVM_STRESS_HOST?.trim() || '127.0.0.1'
  const portText = env.PORT?.trim() || '3000'
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port < 1 || port > 65_535)
    throw new ListenError(`PORT=${portText.slice(0, 40)} is not a port number`, 'Set PORT to a number from 1 to 65535.')
  const token = env.EVM_STRESS_ACCESS_TOKEN?.trim() || undefined
  if (token !== undefined && token.length < minTokenLength)
    throw new ListenError(
      `EVM_STRESS_ACCESS_TOKEN is too short (${token.length} characters, at least ${minTokenLength} needed)`,
      'Use a long random value, e.g. EVM_STRESS_ACCESS_TOKEN=$(openssl rand -hex 24).',
    )
  const loopback = isLoopbackHost(host)
  if (!loopback && token === undefined)
    throw new ListenError(
      `Refusing to listen on ${host}: beyond 127.0.0.1 anyone who reaches the port could start runs and spend the node's funds`,
      `Set EVM_STRESS_ACCESS_TOKEN to a long random value (at least ${minTokenLength} characters, e.g. $(openssl rand -hex 24)) — every request must then carry it — or leave EVM_STRESS_HOST unset to stay on 127.0.0.1.`,
    )

  const allowed = new Set(list(env.EVM_STRESS_ALLOWED_HOSTS))
  if (wildcards.has(host)) {
    for (const i of machine.interfaces) if (!i.internal) allowed.add(asHostName(i.address))
    if (machine.hostname) allowed.add(machine.hostname)
  } else if (!loopback) allowed.add(asHostName(host))
  return { host, port, token, allowedHosts: [...allowed] }
}
