import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ConfigError } from '../services/errors/base'
import type { PrometheusExporter } from '../services/metrics/prometheus'

/**
 * `--metrics-port`: the run's Prometheus scrape target at http://127.0.0.1:<port>/metrics while
 * the CLI runs (docs/metrics.md#prometheus). Local only, like the web server by default.
 */
export async function startMetricsServer(exporter: PrometheusExporter, port: number) {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n')
      return
    }
    exporter.metrics().then(
      (text) => res.writeHead(200, { 'content-type': exporter.contentType }).end(text),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ConfigError(
          [{ field: '--metrics-port', message: `cannot listen on 127.0.0.1:${port}: ${error.code ?? error.message}` }],
          {
            hint: 'Choose a free port (or 0 for any), or stop what listens there.',
          },
        ),
      ),
    )
    server.listen(port, '127.0.0.1', resolve)
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections() // a scraper's keep-alive connection would hold the exit
      }),
  }
}
