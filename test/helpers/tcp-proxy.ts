import { connect, createServer, type Socket } from 'node:net'

export type TcpProxy = {
  port: number
  /** Cuts every open connection and refuses new ones, as a network outage would. */
  cut(): Promise<void>
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>
  close(): Promise<void>
}

/** A plain TCP relay to `targetPort` on loopback whose connections a test can cut and restore. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => s.destroy())
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        const addr = server.address()
        resolve(typeof addr === 'object' && addr ? addr.port : port)
      })
    })
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()))
  const port = await listen(0)
  return {
    port,
    async cut() {
      const closed = stopListening()
      for (const s of sockets) s.destroy()
      await closed
    },
    async restore() {
      await listen(port)
    },
    async close() {
      for (const s of sockets) s.destroy()
      if (server.listening) await stopListening()
    },
  }
}
