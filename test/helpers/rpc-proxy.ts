import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

type RpcRequest = { jsonrpc: '2.0'; id: number | string; method: string; params?: unknown[] }

export type ProxyRules = {
  /** Methods answered with JSON-RPC "method not found", as a node without them would. */
  refuse?: Set<string>
}

/**
 * A JSON-RPC proxy between the engine and a real Anvil, for tests that need a node that behaves
 * differently (methods missing, and later: delays, drops, errors, cut connections).
 */
export async function startRpcProxy(upstream: string, rules: ProxyRules = {}) {
  const seen: string[] = []
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req)
    let parsed: RpcRequest | RpcRequest[]
    try {
      parsed = JSON.parse(body)
    } catch {
      res.writeHead(400).end()
      return
    }
    const list = Array.isArray(parsed) ? parsed : [parsed]
    for (const r of list) seen.push(r.method)
    const refused = list.filter((r) => rules.refuse?.has(r.method))
    const forward = list.filter((r) => !rules.refuse?.has(r.method))
    const answers = new Map<RpcRequest['id'], unknown>()
    for (const r of refused)
      answers.set(r.id, { jsonrpc: '2.0', id: r.id, error: { code: -32601, message: `Method not found: ${r.method}` } })
    if (forward.length) {
      const upstreamRes = await fetch(upstream, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.isArray(parsed) ? forward : forward[0]),
      })
      const json = (await upstreamRes.json()) as { id: RpcRequest['id'] } | { id: RpcRequest['id'] }[]
      for (const a of Array.isArray(json) ? json : [json]) answers.set(a.id, a)
    }
    const out = list.map((r) => answers.get(r.id))
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(Array.isArray(parsed) ? out : out[0]))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    /** Methods the engine called through the proxy, in order. */
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = ''
    req.setEncoding('utf8')
    req.on('data', (c) => {
      data += c
    })
    req.on('end', () => resolve(data))
    req.on('error', reject)
  })
}
