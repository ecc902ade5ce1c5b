import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

type RpcRequest = { jsonrpc: '2.0'; id: number | string; method: string; params?: unknown[] }

/** Methods that submit a transaction: a lost answer leaves the sender not knowing whether it counts. */
const sendMethods = new Set(['eth_sendRawTransaction', 'eth_sendTransaction'])

/** What the proxy does to traffic; change it at any time (`proxy.rules.x = …`). */
export type ProxyRules = {
  /** Methods answered with JSON-RPC "method not found", as a node without them would. */
  refuse?: Set<string>
  /** Faults apply only to requests holding one of these methods (default: every request). */
  faultMethods?: Set<string>
  /** Added before each faulted request is forwarded. */
  delayMs?: number
  /** Added after the node answered a faulted request, before the answer goes back (or is cut). */
  holdAnswerMs?: number
  /** Forwarded to the node, but the connection is cut before the answer: the sender cannot know. */
  dropResponseRate?: number
  /**
   * The same, by rule rather than dice: the answers of these requests holding a send (1 = the first
   * such request the proxy receives) are cut after the node handled them.
   */
  dropSendAnswersAt?: ReadonlySet<number>
  /** Never forwarded; the connection is cut. */
  dropRequestRate?: number
  /** Answered with this HTTP status instead (429, 500, 503). */
  httpErrorRate?: number
  httpStatus?: number
  /** Each element answered with a JSON-RPC internal error instead. */
  rpcErrorRate?: number
  /** The same, by the test's own rule: elements it picks (by method and params) get the internal error. */
  rpcErrorWhen?: (method: string, params: readonly unknown[]) => boolean
  /** The node is "down": every connection is cut at once. */
  down?: boolean
}

export type FaultCounts = {
  delayed: number
  droppedResponses: number
  /** Txs (send elements) whose answer was cut, by rule or by dice: each one the engine never heard of. */
  droppedSendAnswers: number
  droppedRequests: number
  httpErrors: number
  rpcErrors: number
  refusedConnections: number
}

/** Deterministic faults: the same seed, the same sequence of dice. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A JSON-RPC proxy between the engine and a real Anvil that misbehaves on purpose: missing
 * methods, delays, dropped requests and answers, HTTP and JSON-RPC errors, cut connections.
 */
export async function startRpcProxy(upstream: string, initial: ProxyRules = {}, seed = 42) {
  const rules: ProxyRules = { ...initial }
  const faults: FaultCounts = {
    delayed: 0,
    droppedResponses: 0,
    droppedSendAnswers: 0,
    droppedRequests: 0,
    httpErrors: 0,
    rpcErrors: 0,
    refusedConnections: 0,
  }
  const seen: string[] = []
  let sendRequests = 0
  const sockets = new Set<Socket>()
  const dice = rng(seed)
  const roll = (rate: number | undefined) => rate !== undefined && rate > 0 && dice() < rate

  const server: Server = createServer(async (req, res) => {
    if (rules.down) {
      faults.refusedConnections++
      req.socket.destroy()
      return
    }
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
    const sendOrdinal = list.some((r) => sendMethods.has(r.method)) ? ++sendRequests : undefined
    const faulty = !rules.faultMethods || list.some((r) => rules.faultMethods?.has(r.method))
    if (faulty && rules.delayMs) {
      faults.delayed++
      await new Promise((r) => setTimeout(r, rules.delayMs))
    }
    if (faulty && roll(rules.dropRequestRate)) {
      faults.droppedRequests++
      req.socket.destroy()
      return
    }
    if (faulty && roll(rules.httpErrorRate)) {
      faults.httpErrors++
      res.writeHead(rules.httpStatus ?? 503, { 'content-type': 'text/plain' }).end('injected failure')
      return
    }
    const answers = new Map<RpcRequest['id'], unknown>()
    const forward: RpcRequest[] = []
    for (const r of list) {
      if (rules.refuse?.has(r.method))
        answers.set(r.id, {
          jsonrpc: '2.0',
          id: r.id,
          error: { code: -32601, message: `Method not found: ${r.method}` },
        })
      else if (faulty && (rules.rpcErrorWhen?.(r.method, r.params ?? []) || roll(rules.rpcErrorRate))) {
        faults.rpcErrors++
        answers.set(r.id, { jsonrpc: '2.0', id: r.id, error: { code: -32603, message: 'injected internal error' } })
      } else forward.push(r)
    }
    if (forward.length) {
      try {
        const upstreamRes = await fetch(upstream, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(Array.isArray(parsed) ? forward : forward[0]),
        })
        const json = (await upstreamRes.json()) as { id: RpcRequest['id'] } | { id: RpcRequest['id'] }[]
        for (const a of Array.isArray(json) ? json : [json]) answers.set(a.id, a)
      } catch {
        req.socket.destroy() // the node itself is gone: so is the answer
        return
      }
    }
    if (faulty && rules.holdAnswerMs) await new Promise((r) => setTimeout(r, rules.holdAnswerMs))
    const byRule = sendOrdinal !== undefined && rules.dropSendAnswersAt?.has(sendOrdinal) === true
    if (byRule || (faulty && roll(rules.dropResponseRate))) {
      faults.droppedResponses++
      faults.droppedSendAnswers += forward.filter((r) => sendMethods.has(r.method)).length
      req.socket.destroy()
      return
    }
    const out = list.map((r) => answers.get(r.id))
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(Array.isArray(parsed) ? out : out[0]))
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    rules,
    faults,
    /** Methods the engine called through the proxy, in order. */
    seen,
    /** Cuts every open connection now (keep-alive ones too). */
    cutAll() {
      for (const s of sockets) s.destroy()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
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
