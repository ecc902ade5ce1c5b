import { type Connection, connect, transientKinds } from '../chain/connection'
import { redactUrl } from '../chain/node-info'
import type { TestConfig } from '../config/schema'
import { ConfigError } from '../errors/base'
import { classifyError } from '../errors/classify'
import type { TxErrorKind } from '../errors/tx-error'
import { createPercentiles } from '../metrics/percentiles'
import type { RunEvent, RunEventBus } from './events'
import { requestFor, type Submission, submit } from './request-for'
import { isIncluded, isTerminal, type TxRecord } from './tx'

/** One send endpoint's numbers (docs/metrics.md#endpoints). */
export type EndpointStats = {
  /** Its place in `rpcUrls`. */
  index: number
  /** Scheme, host and port only (providers put keys in paths). */
  url: string
  /** Submissions sent to it (each tx once per endpoint it went to). */
  sent: number
  /**
   * Those it accepted, "already known" included. Settled once the tx is included: a "nonce too low"
   * for it (its chain had it already) and, where no endpoint's acceptance reached us, the lost answer
   * of the endpoint that must have taken it count here too, not as errors.
   */
  accepted: number
  /** Its refusals and failures by kind. */
  errors: Partial<Record<TxErrorKind, number>>
  /** Round trip of its submission requests. */
  submitRttMs: { p50: number | null; p95: number | null }
  /** Times it was taken out after failing to answer. */
  downs: number
}

export type SendRouter = {
  /** Sends one batch: every record's submission, each result in order. */
  submitAll(records: TxRecord[], submission: (r: TxRecord) => Submission): Promise<PromiseSettledResult<unknown>[]>
  /** Sends one signed tx again (recovery paths), as its policy would. */
  resend(r: TxRecord): Promise<unknown>
  /** Per-endpoint numbers; [] when the run has no rpcUrls (everything went to the one node). */
  stats(): EndpointStats[]
  close(): Promise<void>
}

/** An endpoint that failed to answer is out this long, doubling each time in a row, at most 30 s. */
const firstOutMs = 1_000
const maxOutMs = 30_000

/**
 * Where the run's txs go (docs/config.md#endpoints). Without `rpcUrls`: the read connection, as
 * always. With them, by `sendPolicy`: round-robin (each batch to the next endpoint), by-account
 * (each sender always to the same one), or broadcast (every tx to all, accepted if any accepts).
 * An endpoint that does not answer is taken out for a while and the others take its share;
 * when none is left, all are tried.
 */
export function createSendRouter(p: { config: TestConfig; conn: Connection; bus: RunEventBus }): SendRouter {
  const urls = p.config.rpcUrls
  // Without rpcUrls there are none: every send goes to the read node.
  const endpoints = (urls ?? []).map((url, index) => ({
    index,
    url,
    conn: connect(url, { batchSize: p.config.batchSize, timeoutMs: p.config.requestTimeoutMs }),
    stats: { sent: 0, accepted: 0, errors: {} as EndpointStats['errors'], downs: 0 },
    rtt: createPercentiles(),
    outUntil: 0,
    failuresInRow: 0,
  }))
  type Endpoint = (typeof endpoints)[number]
  let next = 0

  /**
   * Per tx sent through rpcUrls: whether an endpoint's acceptance reached us, the last endpoint whose
   * answer was lost (and how), and the endpoints that said "nonce too low". Held by the record
   * itself (a late answer still finds it); `open` finds the record at its terminal event.
   */
  type Answers = { accepted: boolean; lost?: { e: Endpoint; kind: TxErrorKind }; tooLow: Endpoint[] }
  const answersOf = new WeakMap<TxRecord, Answers>()
  const open = new Map<number, TxRecord>()
  const countAsAccepted = (e: Endpoint, kind: TxErrorKind) => {
    const left = (e.stats.errors[kind] ?? 1) - 1
    if (left) e.stats.errors[kind] = left
    else delete e.stats.errors[kind]
    e.stats.accepted++
  }
  /** The tx is in the chain: its "nonce too low" answers, and a lost one if none accepted, were acceptances. */
  const settleAnswers = (a: Answers) => {
    for (const e of a.tooLow) countAsAccepted(e, 'nonce-too-low')
    a.tooLow = []
    if (!a.accepted && a.lost) {
      countAsAccepted(a.lost.e, a.lost.kind)
      a.accepted = true
    }
    a.lost = undefined
  }
  /** One endpoint's answer for a tx; settled at once if the tx is already in a block. */
  const noteAnswer = (r: TxRecord, e: Endpoint, kind: TxErrorKind | 'accepted') => {
    const a = answersOf.get(r) ?? { accepted: false, tooLow: [] }
    answersOf.set(r, a)
    if (kind === 'accepted' || kind === 'already-known') a.accepted = true
    else if (kind === 'nonce-too-low') a.tooLow.push(e)
    else if (transientKinds.has(kind)) a.lost = { e, kind }
    if (!isTerminal(r.state)) open.set(r.idx, r)
    else if (isIncluded(r.state)) settleAnswers(a)
  }
  const settle = (ev: RunEvent) => {
    if (ev.type !== 'tx' || !isTerminal(ev.state)) return
    const r = open.get(ev.idx)
    if (!r) return
    open.delete(ev.idx)
    const a = answersOf.get(r)
    if (a && isIncluded(ev.state)) settleAnswers(a)
  }
  if (urls) p.bus.on('event', settle)

  const live = (): Endpoint[] => {
    const now = Date.now()
    const up = endpoints.filter((e) => e.outUntil <= now)
    return up.length ? up : endpoints
  }

  function takeOut(e: Endpoint, error: unknown) {
    e.failuresInRow++
    const outMs = Math.min(maxOutMs, firstOutMs * 2 ** (e.failuresInRow - 1))
    const wasIn = e.outUntil <= Date.now()
    e.outUntil = Date.now() + outMs
    if (!wasIn) return
    e.stats.downs++
    p.bus.emit('event', {
      type: 'warning',
      at: Date.now(),
      code: 'endpoint-out',
      message: `Send endpoint rpcUrls[${e.index}] (${redactUrl(e.url)}) did not answer (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): taken out for ${outMs / 1000} s; the other endpoints take its txs.`,
      hint: 'Check that node; it is tried again after the pause. The run goes on with the others.',
    })
  }

  async function call(e: Endpoint, r: TxRecord, s: Submission): Promise<unknown> {
    e.stats.sent++
    const started = Date.now()
    try {
      const result = await submit(requestFor(e.conn, r), s)
      e.rtt.record(Date.now() - started)
      e.stats.accepted++
      e.failuresInRow = 0
      noteAnswer(r, e, 'accepted')
      return result
    } catch (error) {
      const kind = classifyError(error).kind
      if (kind === 'already-known') e.stats.accepted++
      else e.stats.errors[kind] = (e.stats.errors[kind] ?? 0) + 1
      noteAnswer(r, e, kind)
      if (transientKinds.has(kind)) takeOut(e, error)
      throw error
    }
  }

  const byAccount = (from: string, up: Endpoint[]): Endpoint => {
    // The sender's own endpoint while it is in; else the next one in that is.
    const home = endpoints[Number.parseInt(from.slice(-6), 16) % endpoints.length] as Endpoint
    return up.includes(home) ? home : (up[(home.index + 1) % up.length] as Endpoint)
  }

  /**
   * Broadcast: accepted if any endpoint accepts; else the most telling refusal (a node's "no" over a
   * timeout). Where one accepted, another's "nonce too low" is the same tx already in its chain:
   * counted as known there once the tx is included.
   */
  async function everywhere(r: TxRecord, s: Submission, up: Endpoint[]): Promise<unknown> {
    const results = await Promise.allSettled(up.map((e) => call(e, r, s)))
    const ok = results.find((x) => x.status === 'fulfilled')
    if (ok) return (ok as PromiseFulfilledResult<unknown>).value
    const errors = results.map((x) => (x as PromiseRejectedResult).reason)
    const known = errors.find((e) => classifyError(e).kind === 'already-known')
    throw known ?? errors.find((e) => !transientKinds.has(classifyError(e).kind)) ?? errors[0]
  }

  return {
    submitAll(records: TxRecord[], submission: (r: TxRecord) => Submission): Promise<PromiseSettledResult<unknown>[]> {
      // One node (no rpcUrls): nothing to choose or count, the sends go straight to it.
      if (!urls) return Promise.allSettled(records.map((r) => submit(requestFor(p.conn, r), submission(r))))
      const up = live()
      const policy = p.config.sendPolicy
      const batchTo = up[next++ % up.length] as Endpoint
      return Promise.allSettled(
        records.map((r) => {
          const s = submission(r)
          if (policy === 'broadcast') return everywhere(r, s, up)
          return call(policy === 'by-account' ? byAccount(r.from, up) : batchTo, r, s)
        }),
      )
    },
    async resend(r: TxRecord): Promise<unknown> {
      const raw = r.raw
      if (!raw) throw new Error(`tx ${r.idx} has no signed bytes to send again`)
      const [result] = await this.submitAll([r], () => ['eth_sendRawTransaction', [raw]])
      if (result?.status === 'rejected') throw result.reason
      return (result as PromiseFulfilledResult<unknown>).value
    },
    stats(): EndpointStats[] {
      return endpoints.map((e) => ({
        index: e.index,
        url: redactUrl(e.url),
        ...e.stats,
        errors: { ...e.stats.errors },
        submitRttMs: { p50: e.rtt.at(50), p95: e.rtt.at(95) },
      }))
    },
    async close() {
      p.bus.off('event', settle)
      await Promise.all(endpoints.map((e) => e.conn.close()))
    },
  }
}

/** Every send endpoint must be the read node's chain: one that is not is named before anything is sent. */
export async function checkEndpoints(config: TestConfig, chainId: number): Promise<void> {
  if (!config.rpcUrls) return
  await Promise.all(
    config.rpcUrls.map(async (url, i) => {
      const conn = connect(url, { timeoutMs: config.requestTimeoutMs, retries: 1 })
      try {
        const id = Number(BigInt(await conn.request('eth_chainId')))
        if (id !== chainId)
          throw new ConfigError([
            { field: `rpcUrls[${i}]`, message: `is chain ${id}; the node the run reads is chain ${chainId}` },
          ])
      } catch (error) {
        if (error instanceof ConfigError) throw error
        throw new ConfigError(
          [
            {
              field: `rpcUrls[${i}]`,
              message: `cannot be reached: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
            },
          ],
          { hint: 'Every send endpoint must answer before the run starts; leave out one that is down.' },
        )
      } finally {
        await conn.close()
      }
    }),
  )
}
